#include "probe/sip/digest.hpp"

#include <botan/hash.h>
#include <botan/hex.h>

#include <algorithm>

#include "util/text.hpp"

namespace mra::probe::sip {

namespace {

bool ends_with_sess(const std::string& algorithm) {
    return algorithm.size() >= 5 && equal_ignoring_case(algorithm.substr(algorithm.size() - 5), "-sess");
}

// "auth" among the comma-separated qop-options (RFC 2617 §3.2.1: qop-options is a quoted list).
bool offers_auth(const std::string& qop) {
    std::size_t start = 0;
    while (start <= qop.size()) {
        auto end = qop.find(',', start);
        if (end == std::string::npos) end = qop.size();
        std::string token = qop.substr(start, end - start);
        token.erase(0, token.find_first_not_of(" \t"));
        token.erase(token.find_last_not_of(" \t") + 1);
        if (equal_ignoring_case(token, "auth")) return true;
        start = end + 1;
    }
    return false;
}

// RFC 2617 §3.2.2 quoted-string values: a quote or backslash is escaped (RFC 2616 §2.2 quoted-pair).
std::string quoted(const std::string& value) {
    std::string out = "\"";
    for (const char c : value) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + "\"";
}

}  // namespace

std::optional<std::string> digest_hash(const std::string& algorithm, const std::string& text) {
    std::string base = ends_with_sess(algorithm) ? algorithm.substr(0, algorithm.size() - 5) : algorithm;
    const char* name = nullptr;
    if (base.empty() || equal_ignoring_case(base, "MD5"))
        name = "MD5";
    else if (equal_ignoring_case(base, "SHA-256"))
        name = "SHA-256";
    else
        return std::nullopt;
    auto hash = Botan::HashFunction::create(name);
    if (!hash) return std::nullopt;
    hash->update(text);
    return Botan::hex_encode(hash->final(), false);
}

DigestAnswer answer_challenge(const DigestChallenge& challenge, const DigestInput& input) {
    DigestAnswer out;
    const std::string& algorithm = challenge.algorithm;
    const auto H = [&](const std::string& text) { return digest_hash(algorithm, text); };
    auto ha1 = H(input.user + ":" + challenge.realm + ":" + input.password);
    if (!ha1) {
        out.error = "the challenge asks for Digest algorithm " + algorithm + ", which this tool does not implement";
        return out;
    }
    const bool qop_auth = offers_auth(challenge.qop);
    if (!challenge.qop.empty() && !qop_auth) {
        out.error = "the challenge offers qop \"" + challenge.qop + "\" without \"auth\"";
        return out;
    }
    if (ends_with_sess(algorithm)) ha1 = H(*ha1 + ":" + challenge.nonce + ":" + input.cnonce);
    const auto ha2 = H(input.method + ":" + input.uri);
    const auto response = qop_auth
                              ? H(*ha1 + ":" + challenge.nonce + ":" + input.nc + ":" + input.cnonce + ":auth:" + *ha2)
                              : H(*ha1 + ":" + challenge.nonce + ":" + *ha2);
    out.response = *response;
    std::string value = "Digest username=" + quoted(input.user) + ", realm=" + quoted(challenge.realm) +
                        ", nonce=" + quoted(challenge.nonce) + ", uri=" + quoted(input.uri) +
                        ", response=" + quoted(out.response);
    if (!algorithm.empty()) value += ", algorithm=" + algorithm;
    if (!challenge.opaque.empty()) value += ", opaque=" + quoted(challenge.opaque);
    if (qop_auth) value += ", qop=auth, nc=" + input.nc + ", cnonce=" + quoted(input.cnonce);
    out.header_value = std::move(value);
    return out;
}

}  // namespace mra::probe::sip
