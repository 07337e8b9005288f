#include "cli/cli.hpp"

#include <iostream>
#include <string_view>

#include "cli/commands.hpp"
#include "core/status.hpp"
#include "util/input_error.hpp"

namespace mra::cli {
namespace {

constexpr std::string_view usage =
    "usage: mra-preflight COMMAND [OPTIONS]\n"
    "\n"
    "Validate a Cisco Expressway Mobile and Remote Access deployment the way Jabber sees it.\n"
    "\n"
    "commands:\n"
    "  run DOMAIN     check a deployment the way Jabber signs in: DNS, TLS, edge, UDS, TFTP, SIP, XMPP, TURN\n"
    "  replay FILE    evaluate a capture saved by run --save-capture again, offline\n"
    "  sip HOST       check one SIP edge server: TLS, OPTIONS, the REGISTER challenge, a test registration\n"
    "  cert FILE...   validate a certificate (or --csr) offline before it is installed\n"
    "  checks         list the check catalogue\n"
    "  profiles       list the profiles\n"
    "  history DB     list the runs recorded with --history DB, or what changed between two (--diff A B)\n"
    "\n"
    "'mra-preflight COMMAND --help' shows a command's options; man mra-preflight has the rest.\n"
    "Exit codes: 0 ok, 1 warning, 2 critical, 3 unknown (could not judge).\n";

struct Command {
    std::string_view name;
    int (*run)(int, const char* const*);
};
constexpr Command commands[] = {{"run", run_command},        {"replay", replay_command}, {"sip", sip_command},
                                {"cert", cert_command},      {"checks", checks_command}, {"profiles", profiles_command},
                                {"history", history_command}};

}  // namespace

int main(int argc, const char* const* argv) {
    const int unknown = exit_code(Verdict::unknown);
    try {
        const std::string_view name = argc > 1 ? argv[1] : "";
        if (name == "--help" || name == "-h" || name == "help") {
            std::cout << usage;
            return 0;
        }
        if (name == "--version") {
            std::cout << "mra-preflight " << MRA_VERSION << "\n";
            return 0;
        }
        for (const Command& command : commands)
            if (command.name == name) return command.run(argc - 1, argv + 1);
        std::cerr << "mra-preflight: error: "
                  << (name.empty() ? std::string("no command given") : "unknown command '" + std::string(name) + "'")
                  << " (see mra-preflight --help)\n";
        return unknown;
    } catch (const InputError& error) {
        std::cerr << "mra-preflight: error: " << error.what() << "\n";
    } catch (const std::exception& error) {
        std::cerr << "mra-preflight: internal error: " << error.what() << "\n";
    } catch (...) {
        std::cerr << "mra-preflight: internal error\n";
    }
    return unknown;
}

}  // namespace mra::cli
