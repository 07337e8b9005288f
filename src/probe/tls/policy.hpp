#pragma once
// The two TLS client policies of the probes (Botan 2.19 TLS::Policy subclasses).
//
// probe  — for looking: connect to whatever an Expressway (or a misconfigured one) offers and see
//          what it presents. Nothing is refused for strength, age or trust, because refusing would
//          hide exactly what the cert.* and tls checks exist to report. Never carries credentials.
// strict — for sending credentials (get_edge_config, SIP REGISTER/SERVICE in later issues): Botan's
//          default policy (TLS 1.2 only, AEAD suites, SHA-2 signatures, ≥2048-bit RSA) and a chain
//          that must verify against the trust store for the host name; see TlsSession.

#include <botan/tls_policy.h>

#include <string>
#include <vector>

namespace mra::probe::tls {

enum class TlsMode { probe, strict };

class ProbePolicy final : public Botan::TLS::Policy {
public:
    bool allow_tls10() const override;
    bool allow_tls11() const override;
    std::vector<std::string> allowed_ciphers() const override;
    std::vector<std::string> allowed_key_exchange_methods() const override;
    std::vector<std::string> allowed_signature_methods() const override;
    std::vector<std::string> allowed_signature_hashes() const override;
    std::size_t minimum_rsa_bits() const override;
    std::size_t minimum_ecdsa_group_size() const override;
    std::size_t minimum_dh_group_size() const override;
    std::size_t minimum_dsa_group_size() const override;
    std::size_t minimum_signature_strength() const override;
    bool require_cert_revocation_info() const override;
};

// Not Botan's TLS::Strict_Policy (which also drops CBC suites and static RSA): the default policy,
// less the revocation requirement.
class StrictPolicy final : public Botan::TLS::Policy {
public:
    bool require_cert_revocation_info() const override;
};

}  // namespace mra::probe::tls
