#include "checks/cert/subjects.hpp"

namespace mra::checks {
namespace {

constexpr std::size_t maximum_length = 999;

// The SAN as Expressway shows it ("DNS:a, DNS:b, SRV:…"); it ignores what lies past 999 characters.
std::string san_text(const facts::SubjectAltName& san) {
    std::string text;
    auto add = [&](std::string_view kind, const std::string& value) {
        if (!text.empty()) text += ", ";
        text.append(kind).append(":").append(value);
    };
    for (const auto& name : san.dns) add("DNS", name);
    for (const auto& address : san.ip) add("IP Address", address);
    for (const auto& uri : san.uri) add("URI", uri);
    for (const auto& email : san.email) add("email", email);
    for (const auto& other : san.other_names) add("othername", other.value);
    return text;
}

void run(const CheckContext& context, Results& results) {
    for_each_chain(context, results, "leaf", [&](const JudgedChain& subject, const facts::Chain& chain) {
        const std::string text = san_text(leaf_of(chain).san);
        const Evidence evidence = {{"length", text.size()}};
        if (text.size() > maximum_length)
            results.add(subject_of(subject, "leaf"), Status::fail,
                        "the SAN is " + std::to_string(text.size()) +
                            " characters; Expressway ignores everything past " + std::to_string(maximum_length) +
                            ", from '" + text.substr(maximum_length, 40) + "…'",
                        evidence);
        else
            results.add(subject_of(subject, "leaf"), Status::pass,
                        "the SAN is " + std::to_string(text.size()) + " characters", evidence);
    });
}

}  // namespace

extern const Check cert_san_length{
    .info =
        {
            .id = "cert.san-length",
            .summary = "The SAN text is at most 999 characters, the most Expressway reads.",
            .citation = "Cisco, Configure and Troubleshoot Collaboration Edge (MRA) Certificates (213872); CSCuq86376",
            .severity = Severity::major,
            .remediation = "Remove SAN entries that are not needed (or split per-peer certificates) so that the SAN "
                           "fits in 999 characters, most important names first.",
        },
    .run = run,
};

const Registration registration{cert_san_length, 2140};

}  // namespace mra::checks
