#pragma once
// The `cert` command's probe: reads certificate, chain, key, request and previous-certificate
// files into facts. A file that cannot be read or decoded becomes a DecodeFailure (judged by
// cert.parse), never an exception.

#include <optional>
#include <string>
#include <vector>

#include "facts/certificate_inputs.hpp"
#include "x509/chain.hpp"

namespace mra::probe {

struct CertificateFiles {
    std::vector<std::string> certificates;  // leaf first; a file may hold the whole chain
    std::vector<std::string> chains;        // --chain: intermediates, any order
    std::optional<std::string> key;
    std::optional<std::string> csr;
    std::optional<std::string> previous;
    facts::Requirements required;
};

facts::CertificateInputs read_certificate_files(const CertificateFiles& files, const x509::TrustStore& trust,
                                                std::int64_t at);

}  // namespace mra::probe
