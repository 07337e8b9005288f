#pragma once
// Hand-made certificate facts for the cert.* check tests: a healthy Expressway-E chain for
// expe1.example.com (edge domain example.com) that each test breaks in one place, the `cert`
// command's facts around a chain, and the same command when no chain could be obtained.

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include "facts/facts.hpp"
#include "support/check_runner.hpp"

namespace mra::test::cert {

inline constexpr const char* server_auth = "1.3.6.1.5.5.7.3.1";
inline constexpr const char* client_auth = "1.3.6.1.5.5.7.3.2";
inline constexpr const char* srvname_oid = "1.3.6.1.5.5.7.8.7";   // RFC 4985 id-on-dnsSRV
inline constexpr const char* xmppaddr_oid = "1.3.6.1.5.5.7.8.5";  // RFC 6120 id-on-xmppAddr
inline constexpr const char* no_chain_reason = "leaf.pem: no such file";

// The display form and attributes of a DN "CN=<cn>,O=Example Corp,C=US".
inline std::vector<facts::NameAttribute> dn_attributes(const std::string& cn) {
    return {{"2.5.4.3", "CN", cn}, {"2.5.4.10", "O", "Example Corp"}, {"2.5.4.6", "C", "US"}};
}
inline std::string dn(const std::string& cn) {
    return "CN=" + cn + ",O=Example Corp,C=US";
}

// A certificate for `cn` issued by `issuer_cn`: 2048-bit RSA, signed with SHA-256, no SAN.
inline facts::Certificate certificate(const std::string& cn, const std::string& issuer_cn) {
    facts::Certificate cert;
    cert.subject = dn(cn);
    cert.issuer = dn(issuer_cn);
    cert.subject_attributes = dn_attributes(cn);
    cert.issuer_attributes = dn_attributes(issuer_cn);
    cert.common_name = cn;
    cert.spki_sha256 = "spki of " + cn;
    cert.signature_algorithm = "sha256WithRSAEncryption";
    cert.signature_hash = "SHA-256";
    cert.key_algorithm = "RSA";
    cert.key_bits = 2048;
    cert.self_issued = cn == issuer_cn;
    cert.self_signed = cert.self_issued;
    cert.is_ca = cert.self_issued;
    return cert;
}

// The Expressway-E leaf: CN and SAN expe1.example.com plus the edge domain, serverAuth and clientAuth.
inline facts::Certificate leaf() {
    facts::Certificate cert = certificate("expe1.example.com", "Example Issuing CA");
    cert.has_san = true;
    cert.san.dns = {"expe1.example.com", "example.com"};
    cert.extended_key_usage = {server_auth, client_auth};
    return cert;
}

// The CA that issues the leaf, and the self-signed root above it.
inline facts::Certificate intermediate() {
    facts::Certificate cert = certificate("Example Issuing CA", "Example Root CA");
    cert.is_ca = true;
    return cert;
}
inline facts::Certificate root() {
    return certificate("Example Root CA", "Example Root CA");
}

// A chain presented in this order, each certificate issued by the next, trusted through ca.pem.
inline facts::Chain chain_of(std::vector<facts::Certificate> presented) {
    facts::Chain chain;
    for (std::size_t index = 0; index < presented.size(); ++index) chain.path.push_back(index);
    chain.top_issuer_in_store = true;
    chain.trust = {true, "Verified", presented.back().issuer, "ca.pem", 0};
    chain.presented = std::move(presented);
    return chain;
}

// The usual deployment: leaf and issuing CA presented, the root in the trust store.
inline facts::Chain healthy_chain() {
    return chain_of({leaf(), intermediate()});
}

// A chain of only this leaf (the checks that judge the leaf alone).
inline facts::Chain leaf_chain(facts::Certificate leaf_certificate) {
    return chain_of({std::move(leaf_certificate)});
}

// What the `cert` command requires of an Expressway-E expe1.example.com for the edge domain example.com.
inline facts::Requirements expressway_e() {
    return {facts::Role::expressway_e, {"expe1.example.com"}, {"example.com"}};
}

// The `cert` command's facts: this one chain (label ""), judged against `required`.
inline facts::Facts offline(facts::Chain chain, facts::Requirements required = expressway_e()) {
    facts::Facts facts;
    facts.target = "leaf.pem";
    facts.certificates.chains.push_back({"", std::move(required), std::move(chain), ""});
    return facts;
}

// The `cert` command's facts when the chain could not be obtained: only the reason, no chain.
inline facts::Facts unavailable() {
    facts::Facts facts;
    facts.target = "leaf.pem";
    facts.certificates.chains.push_back({"", expressway_e(), std::nullopt, no_chain_reason});
    return facts;
}

// An otherName SAN entry of this type, an IA5String unless said otherwise.
inline facts::OtherName other_name(const char* type_oid, std::string value, std::string encoding = "IA5String") {
    return {type_oid, std::move(encoding), std::move(value)};
}

// Whether `text` contains `words`.
inline bool mentions(const std::string& text, std::string_view words) {
    return text.find(words) != std::string::npos;
}

// `id` on a chain that could not be obtained: one not_run finding about `part`, saying why.
inline void check_not_run_without_chain(std::string_view id, std::string_view part) {
    const Result result = only_result(id, unavailable());
    CHECK(result.subject.name() == part);
    CHECK(result.status == Status::not_run);
    CHECK(mentions(result.message, no_chain_reason));
}

}  // namespace mra::test::cert
