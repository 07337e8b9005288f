#include "checks/cert/subjects.hpp"

namespace mra::checks {
namespace {

void run(const CheckContext& context, Results& results) {
    for_each_chain(context, results, "chain", [&](const JudgedChain& subject, const facts::Chain& chain) {
        std::vector<std::string> problems;
        for (std::size_t position = 0; position < chain.path.size(); ++position)
            if (chain.path[position] != position) {
                problems.push_back("certificate " + std::to_string(position) + " (" +
                                   chain.presented[position].subject + ") is not the issuer of the one before it");
                break;
            }
        for (std::size_t index : chain.duplicates)
            problems.push_back("certificate " + std::to_string(index) + " (" + chain.presented[index].subject +
                               ") is a duplicate");
        for (std::size_t index : chain.unrelated)
            problems.push_back("certificate " + std::to_string(index) + " (" + chain.presented[index].subject +
                               ") is not on the path to the leaf");
        Evidence order = Evidence::array();
        for (const auto& cert : chain.presented) order.push_back(cert.subject);
        if (problems.empty())
            results.add(subject_of(subject, "chain"), Status::pass,
                        "presented in order, leaf first, each certificate followed by its issuer",
                        {{"presented", order}});
        else
            results.add(subject_of(subject, "chain"), Status::fail, problems.front(),
                        {{"problems", problems}, {"presented", order}});
    });
}

}  // namespace

extern const Check cert_chain_order{
    .info =
        {
            .id = "cert.chain-order",
            .summary = "The chain is presented leaf first, each certificate followed by its issuer, without "
                       "duplicates or unrelated certificates.",
            .citation = "RFC 8446 §4.4.2; RFC 5246 §7.4.2",
            .severity = Severity::minor,
            .remediation = "Order the server certificate file as leaf, issuing CA, then higher CAs; remove "
                           "duplicates and certificates of other chains.",
        },
    .run = run,
};

const Registration registration{cert_chain_order, 2010};

}  // namespace mra::checks
