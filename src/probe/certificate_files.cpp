#include "probe/certificate_files.hpp"

#include "x509/describe.hpp"
#include "x509/load.hpp"

namespace mra::probe {
namespace {

// Runs `decode` on the file's bytes; on failure records it and returns nullopt.
template <typename Decode>
auto decode_file(const std::string& path, const std::string& input, facts::CertificateInputs& inputs, Decode decode)
    -> std::optional<decltype(decode(std::vector<std::uint8_t>{}))> {
    try {
        return decode(x509::read_file(path));
    } catch (const std::exception& error) {
        inputs.failures.push_back({input, path, error.what()});
        return std::nullopt;
    }
}

}  // namespace

facts::CertificateInputs read_certificate_files(const CertificateFiles& files, const x509::TrustStore& trust,
                                                std::int64_t at) {
    facts::CertificateInputs inputs;
    inputs.csr_required = files.required;
    auto certificates_in = [](const std::string& path) {
        return [path](const std::vector<std::uint8_t>& bytes) { return x509::read_certificates(bytes, path); };
    };

    if (!files.certificates.empty()) {
        facts::ChainSubject subject;
        subject.required = files.required;
        std::vector<Botan::X509_Certificate> presented;
        bool complete = true;
        for (std::size_t i = 0; i < files.certificates.size(); ++i) {
            const std::string& path = files.certificates[i];
            auto decoded = decode_file(path, i == 0 ? "certificate" : "chain", inputs, certificates_in(path));
            if (decoded) presented.insert(presented.end(), decoded->begin(), decoded->end());
            complete = complete && decoded.has_value();
        }
        for (const auto& path : files.chains) {
            auto decoded = decode_file(path, "chain", inputs, certificates_in(path));
            if (decoded) presented.insert(presented.end(), decoded->begin(), decoded->end());
            complete = complete && decoded.has_value();
        }
        if (complete)
            subject.chain = x509::analyse_chain(presented, trust, at);
        else
            subject.unavailable_reason = "a certificate file could not be decoded (see cert.parse)";
        inputs.chains.push_back(std::move(subject));
    }
    if (files.key)
        inputs.key = decode_file(*files.key, "key", inputs, [&](const std::vector<std::uint8_t>& bytes) {
            return x509::describe(*x509::read_private_key(bytes, *files.key));
        });
    if (files.csr)
        inputs.csr = decode_file(*files.csr, "csr", inputs, [&](const std::vector<std::uint8_t>& bytes) {
            return x509::describe(x509::read_request(bytes, *files.csr));
        });
    if (files.previous)
        inputs.previous = decode_file(*files.previous, "previous", inputs, [&](const std::vector<std::uint8_t>& bytes) {
            return x509::describe(x509::read_certificates(bytes, *files.previous).front());
        });
    return inputs;
}

}  // namespace mra::probe
