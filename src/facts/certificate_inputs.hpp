#pragma once
// The certificate material one evaluation judges: chains with the names they must cover, and the
// offline inputs of a renewal (key, CSR, previous certificate).

#include <optional>
#include <string>
#include <vector>

#include "facts/certificate.hpp"

namespace mra::facts {

enum class Role { unspecified, expressway_e, expressway_c };

// What a certificate (or request) must satisfy.
struct Requirements {
    Role role = Role::unspecified;
    std::vector<std::string> hosts;    // names that must be covered (--host, or the SRV target)
    std::vector<std::string> domains;  // service (edge) domains (--domain)
};

// One chain under judgement and what it must satisfy. The `cert` command has one, labelled "";
// a live run has one per endpoint, labelled "expe1.example.com:8443".
struct ChainSubject {
    std::string label;
    Requirements required;
    std::optional<Chain> chain;      // absent when it could not be obtained…
    std::string unavailable_reason;  // …and then this says why
};

// An input that was given but could not be decoded (drives cert.parse; dependants are not_run).
struct DecodeFailure {
    std::string input;   // "certificate", "chain", "key", "csr", "previous"
    std::string source;  // file path or endpoint
    std::string message;
};

struct CertificateInputs {
    std::vector<ChainSubject> chains;
    std::optional<PrivateKey> key;
    std::optional<CertificateRequest> csr;
    Requirements csr_required;
    std::optional<Certificate> previous;
    std::vector<DecodeFailure> failures;

    bool failed(const std::string& input) const {
        for (const auto& failure : failures)
            if (failure.input == input) return true;
        return false;
    }
};

}  // namespace mra::facts
