#include "cli/sign_in_options.hpp"

#include <botan/base64.h>
#include <botan/hex.h>
#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>

#include "util/core_dumps.hpp"
#include "util/input_error.hpp"

namespace mra::cli {
namespace {

std::string first_line(std::string text) {
    const auto end = text.find_first_of("\r\n");
    if (end != std::string::npos) text.erase(end);
    return text;
}

std::string password_from_file(const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    if (!file) throw InputError("--password-file: cannot read " + path);
    std::string line;
    std::getline(file, line);
    line = first_line(line);
    if (line.empty()) throw InputError("--password-file: " + path + " holds no password on its first line");
    return line;
}

std::string password_from_environment(const std::string& variable) {
    const char* value = std::getenv(variable.c_str());
    if (!value || !*value) throw InputError("--password-env: the environment variable " + variable + " is not set");
    return first_line(value);
}

// Asks on the controlling terminal with echo off, as passwd(1) and ssh(1) do.
std::string password_from_terminal(const std::string& user) {
    const int tty = ::open("/dev/tty", O_RDWR | O_CLOEXEC);
    if (tty < 0 || ::isatty(STDIN_FILENO) != 1) {
        if (tty >= 0) ::close(tty);
        throw InputError("--user " + user +
                         " needs a password: --password-env VAR, --password-file FILE, or a "
                         "terminal to ask on");
    }
    const std::string prompt = "Password for " + user + ": ";
    [[maybe_unused]] auto written = ::write(tty, prompt.data(), prompt.size());
    termios saved{};
    const bool echo_off = ::tcgetattr(tty, &saved) == 0;
    if (echo_off) {
        termios quiet = saved;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        ::tcsetattr(tty, TCSAFLUSH, &quiet);
    }
    std::string password;
    char c = 0;
    while (::read(tty, &c, 1) == 1 && c != '\n' && c != '\r' && password.size() < 1024) password += c;
    if (echo_off) ::tcsetattr(tty, TCSAFLUSH, &saved);
    written = ::write(tty, "\n", 1);
    ::close(tty);
    if (password.empty()) throw InputError("no password was entered for " + user);
    return password;
}

// A pin as curl wants it: base64 of the SHA-256 of the SubjectPublicKeyInfo. Hex (as the reports
// show spki_sha256) is accepted too.
std::string pin_of(const std::string& text) {
    try {
        if (text.size() == 64 && text.find_first_not_of("0123456789abcdefABCDEF") == std::string::npos)
            return Botan::base64_encode(Botan::hex_decode(text));
        if (text.size() == 44 && Botan::base64_decode(text).size() == 32) return text;
    } catch (const std::exception&) {
    }
    throw InputError("--pin-sha256: '" + text +
                     "' is not a SHA-256 digest (64 hex digits or 44 base64 characters) of a public key");
}

}  // namespace

void add_credential_options(cxxopts::Options& options) {
    options.add_options()("user",
                          "the test user (a dedicated account) to sign in and register as (get_edge_config, UDS, "
                          "TFTP, SIP REGISTER)",
                          cxxopts::value<std::string>())(
        "password-env", "read the user's password from the environment variable VAR", cxxopts::value<std::string>())(
        "password-file", "read the user's password from the first line of FILE", cxxopts::value<std::string>(),
        file_argument);
}

void add_sign_in_options(cxxopts::Options& options) {
    add_credential_options(options);
    options.add_options()("pin-sha256", "trust an edge whose public key has this SHA-256 (base64 or hex; repeatable)",
                          cxxopts::value<std::vector<std::string>>())(
        "insecure", "send the credentials even to an edge whose certificate does not verify")(
        "edge-base64", "alphabet of the base64 path segments: url (default) or standard",
        cxxopts::value<std::string>()->default_value("url"));
}

std::optional<probe::http::Credentials> credentials_of(const cxxopts::ParseResult& parsed) {
    const auto user = optional_value<std::string>(parsed, "user");
    const auto variable = optional_value<std::string>(parsed, "password-env");
    const auto file = optional_value<std::string>(parsed, "password-file");
    if (!user) {
        if (variable || file) throw InputError("--password-env and --password-file need --user");
        return std::nullopt;
    }
    if (user->empty()) throw InputError("--user needs a user name");
    forbid_core_dumps();  // before the password is read
    if (variable && file) throw InputError("give the password one way: --password-env or --password-file");
    if (variable) return probe::http::Credentials(*user, password_from_environment(*variable));
    if (file) return probe::http::Credentials(*user, password_from_file(*file));
    return probe::http::Credentials(*user, password_from_terminal(*user));
}

probe::http::EdgeTrust edge_trust_of(const cxxopts::ParseResult& parsed) {
    probe::http::EdgeTrust trust{.ca_bundle = value_or(parsed, "ca-bundle", std::string{}),
                                 .insecure = parsed.count("insecure") > 0};
    for (const auto& pin : value_or(parsed, "pin-sha256", std::vector<std::string>{}))
        trust.pins.push_back(pin_of(pin));
    if (trust.insecure && !trust.pins.empty()) throw InputError("--insecure and --pin-sha256 contradict each other");
    return trust;
}

probe::http::Base64Alphabet alphabet_of(const cxxopts::ParseResult& parsed) {
    const std::string alphabet = parsed["edge-base64"].as<std::string>();
    if (alphabet == "url") return probe::http::Base64Alphabet::url_safe;
    if (alphabet == "standard") return probe::http::Base64Alphabet::standard;
    throw InputError("--edge-base64 must be url or standard, not '" + alphabet + "'");
}

}  // namespace mra::cli
