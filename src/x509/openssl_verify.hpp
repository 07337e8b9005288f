#pragma once
// Signatures and certification paths checked on certificates' original encodings with OpenSSL's
// X.509 code: for certificates Botan 2.19 can only read through a rendition (x509/rendition.hpp),
// whose own bytes differ from what their issuer signed.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace mra::x509::openssl {

// The certificate `der` carries a valid signature by the key of the certificate `signer_der`.
// False for anything OpenSSL cannot decode or verify.
bool signature_verifies(const std::vector<std::uint8_t>& der, const std::vector<std::uint8_t>& signer_der);

struct PathAnswer {
    bool trusted = false;
    std::string result;                 // "Verified", or OpenSSL's words for why not
    std::optional<std::size_t> anchor;  // index into the anchors of the certificate that ended the path
};

// RFC 5280 §6 path validation of `presented` (the leaf first, then what came with it) against
// `anchors` as of `at` (Unix seconds), judging what Botan's relaxed validation judges here: no host
// name, no purpose, any hash or key size, and any anchor certificate may end the path.
PathAnswer validate_path(const std::vector<std::vector<std::uint8_t>>& presented,
                         const std::vector<std::vector<std::uint8_t>>& anchors, std::int64_t at);

}  // namespace mra::x509::openssl
