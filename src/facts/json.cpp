#include "facts/json.hpp"

#include <optional>
#include <vector>

#include "facts/dns_names.hpp"
#include "util/input_error.hpp"

// std::optional as null-or-value.
namespace nlohmann {
template <typename T>
struct adl_serializer<std::optional<T>> {
    template <typename Json>
    static void to_json(Json& json, const std::optional<T>& value) {
        if (value)
            json = *value;
        else
            json = nullptr;
    }
    template <typename Json>
    static void from_json(const Json& json, std::optional<T>& value) {
        if (json.is_null())
            value.reset();
        else
            value = json.template get<T>();
    }
};
}  // namespace nlohmann

namespace mra::facts {

NLOHMANN_JSON_SERIALIZE_ENUM(Role, {{Role::unspecified, "unspecified"},
                                    {Role::expressway_e, "expressway-e"},
                                    {Role::expressway_c, "expressway-c"}})
// The DNS names are the ones reports use (facts/dns_names.hpp); a name it does not know is refused.
template <typename Enum, std::optional<Enum> (*parse)(std::string_view)>
void dns_enum_from_json(const nlohmann::json& json, Enum& value, std::string_view what) {
    const auto parsed = parse(json.get<std::string>());
    if (!parsed) throw InputError("unknown " + std::string(what) + " " + json.dump());
    value = *parsed;
}
void to_json(nlohmann::json& json, DnsView view) {
    json = dns::to_string(view);
}
void from_json(const nlohmann::json& json, DnsView& view) {
    dns_enum_from_json<DnsView, dns::parse_dns_view>(json, view, "DNS view");
}
void to_json(nlohmann::json& json, DnsOutcome outcome) {
    json = dns::to_string(outcome);
}
void from_json(const nlohmann::json& json, DnsOutcome& outcome) {
    dns_enum_from_json<DnsOutcome, dns::parse_dns_outcome>(json, outcome, "DNS outcome");
}
NLOHMANN_JSON_SERIALIZE_ENUM(TransportOutcome, {{TransportOutcome::established, "established"},
                                                {TransportOutcome::not_resolved, "not_resolved"},
                                                {TransportOutcome::not_public, "not_public"},
                                                {TransportOutcome::refused, "refused"},
                                                {TransportOutcome::unreachable, "unreachable"},
                                                {TransportOutcome::timeout, "timeout"},
                                                {TransportOutcome::reset, "reset"},
                                                {TransportOutcome::tls_failure, "tls_failure"},
                                                {TransportOutcome::protocol_error, "protocol_error"}})
NLOHMANN_JSON_SERIALIZE_ENUM(HttpOutcome, {{HttpOutcome::response, "response"},
                                           {HttpOutcome::not_sent, "not_sent"},
                                           {HttpOutcome::untrusted, "untrusted"},
                                           {HttpOutcome::connect_failed, "connect_failed"},
                                           {HttpOutcome::tls_failure, "tls_failure"},
                                           {HttpOutcome::timeout, "timeout"},
                                           {HttpOutcome::too_large, "too_large"},
                                           {HttpOutcome::redirect_refused, "redirect_refused"},
                                           {HttpOutcome::protocol_error, "protocol_error"}})
NLOHMANN_JSON_SERIALIZE_ENUM(SipOutcome, {{SipOutcome::response, "response"},
                                          {SipOutcome::no_response, "no_response"},
                                          {SipOutcome::connection_closed, "connection_closed"},
                                          {SipOutcome::malformed, "malformed"},
                                          {SipOutcome::too_large, "too_large"},
                                          {SipOutcome::transport_error, "transport_error"},
                                          {SipOutcome::not_sent, "not_sent"}})
NLOHMANN_JSON_SERIALIZE_ENUM(XmppOutcome, {{XmppOutcome::tls_established, "tls_established"},
                                           {XmppOutcome::tls_failed, "tls_failed"},
                                           {XmppOutcome::no_starttls, "no_starttls"},
                                           {XmppOutcome::starttls_refused, "starttls_refused"},
                                           {XmppOutcome::stream_error, "stream_error"},
                                           {XmppOutcome::malformed, "malformed"},
                                           {XmppOutcome::too_large, "too_large"},
                                           {XmppOutcome::transport_error, "transport_error"}})
NLOHMANN_JSON_SERIALIZE_ENUM(TurnOutcome, {{TurnOutcome::answered, "answered"},
                                           {TurnOutcome::error_response, "error_response"},
                                           {TurnOutcome::no_response, "no_response"},
                                           {TurnOutcome::malformed, "malformed"},
                                           {TurnOutcome::not_resolved, "not_resolved"},
                                           {TurnOutcome::not_public, "not_public"},
                                           {TurnOutcome::network_error, "network_error"}})

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Cut, list, total)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(NameAttribute, oid, name, value)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(OtherName, type_oid, encoding, value)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(SubjectAltName, dns, ip, uri, email, other_names)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Certificate, der_base64, sha256, spki_sha256, serial, subject, issuer,
                                                subject_attributes, issuer_attributes, common_name, not_before,
                                                not_after, signature_algorithm, signature_hash, key_algorithm, key_bits,
                                                key_curve, has_san, san, extended_key_usage, key_usage, is_ca,
                                                path_length, self_issued, self_signed, crl_urls, ocsp_urls,
                                                ca_issuer_urls)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Chain::Trust, trusted, result, anchor, store, evaluated_at)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Chain, presented, path, duplicates, unrelated, top_issuer_in_store,
                                                cuts, trust)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(PrivateKey, algorithm, bits, curve, spki_sha256)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(CertificateRequest, subject, subject_attributes, common_name, has_san,
                                                san, extended_key_usage, signature_hash, signature_valid, key_algorithm,
                                                key_bits, key_curve, spki_sha256)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Requirements, role, hosts, domains)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(ChainSubject, label, required, chain, unavailable_reason)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(DecodeFailure, input, source, message)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(CertificateInputs, chains, key, csr, csr_required, previous, failures)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(SrvRecord, priority, weight, port, target)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(DnsQuery, view, resolver, name, type, outcome, rcode, error,
                                                truncated_over_udp, cnames, srv, addresses, cuts, duration_ms)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(DnsFacts, external_resolver, internal_resolver, queries)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(TlsEndpoint, service, host, port, address, outcome, error,
                                                protocol_version, cipher_suite, chain, handshake_by, connect_ms,
                                                handshake_ms)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(HttpExchange, resource, tunnel, path, outcome, error, status,
                                                content_type, date, received_at, realm, auth_schemes, location,
                                                body_bytes, credentials_sent, xml_error, elapsed_ms)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(EdgeServer, address, port, tcp_port)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(EdgeService, name, error, servers)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(EdgeConfig, version, services, tftp_servers, sip_edge_servers,
                                                sip_routes, xmpp_edge_servers, http_edge_servers, turn_edge_servers,
                                                user_uds_servers, turn_raw, cuts)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(UdsDevice, name, model, product, protocol, provision_uri)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(UdsUser, service_profile_uri, jabber_profile_uri, im_and_presence)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(UdsFacts, discovery, discovery_source, version, version_number,
                                                schema_version, cluster_user, user_found, home_cluster, servers,
                                                server_names, user, record, devices, device_list, cuts)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(NamedServer, role, named, source, probe)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(TftpFacts, device_config, service_profile, jabber_profile,
                                                jabber_config, app_dial_rules, directory_dial_rules, named_servers)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(EdgeSso, exchange, headers, body, body_cut)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(EdgeSession, host, port, address, sso, edge_config, config, uds, tftp,
                                                credential_presentations, session_cookie)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(SignIn, user, trust, sessions, cuts)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(SipExchange, method, purpose, outcome, error, status, reason,
                                                provisional, challenge_scheme, challenge_realm, server, warning, date,
                                                received_at, expires, elapsed_ms)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(SipEndpoint, tls, exchanges, device, registrar)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(XmppEndpoint, tls, domain, outcome, error, stream_from, stream_version,
                                                starttls_offered, starttls_required, features, features_after_tls,
                                                sasl_mechanisms, stream_error, stream_error_text, negotiation_ms)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(TurnEndpoint, host, port, address, outcome, error, mapped_address,
                                                error_code, error_reason, software, attempts, rtt_ms)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(Facts, target, evaluated_at, expressway_version, certificates, dns,
                                                edges, sign_in, sip, xmpp, turn)

nlohmann::json to_json(const Facts& facts) {
    return facts;
}

// Every number in the facts is an integer, and nlohmann turns a float into an integer type with a
// static_cast, undefined behaviour out of range (capture_fuzz found a duration of 1.1e101): refused
// first. Iterative, as a document may nest deeper than the stack.
void require_integers(const nlohmann::json& document) {
    std::vector<const nlohmann::json*> pending{&document};
    while (!pending.empty()) {
        const nlohmann::json& value = *pending.back();
        pending.pop_back();
        if (value.is_number_float())
            throw InputError("the capture's facts are malformed: " + value.dump() +
                             " is not an integer (every number in the facts is)");
        if (value.is_structured())
            for (const auto& child : value) pending.push_back(&child);
    }
}

Facts facts_from_json(const nlohmann::json& document) {
    require_integers(document);
    try {
        return document.get<Facts>();
    } catch (const nlohmann::json::exception& error) {
        throw InputError(std::string("the capture's facts are malformed: ") + error.what());
    }
}

}  // namespace mra::facts
