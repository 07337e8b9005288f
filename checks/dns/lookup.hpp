#pragma once
// Shared by the dns.* checks: finding the query a check judges, saying how it ended, and the one
// rule most of them apply — "this SRV record set must (or must not) exist in this view".

#include <string>
#include <string_view>
#include <vector>

#include "core/check.hpp"

namespace mra::checks::dns {

// The discovery facts, or null when there was no discovery (the offline `cert` command): the check
// then records nothing and the engine reports it not_applicable.
const facts::DnsFacts* dns_facts(const CheckContext& context);

// The SRV name of `service` under the run's domain: "_collab-edge._tls.example.com".
std::string record_name(const CheckContext& context, std::string_view service);

// "external 127.0.0.1:53": the view and the resolver that serves it.
std::string resolver_label(const facts::DnsFacts& dns, facts::DnsView view);

// A reply that can be judged: records, NXDOMAIN or NODATA.
bool is_clean(facts::DnsOutcome outcome);

// SRV targets other than "." (RFC 2782: "." means the service is decidedly not available).
std::vector<facts::SrvRecord> offered(const facts::DnsQuery& srv);

// How a query ended, in words: "2 SRV records", "NXDOMAIN", "NOERROR without SRV records (NODATA)",
// "answered SERVFAIL", or the probe's own account of a timeout or network error.
std::string describe(const facts::DnsQuery& query);

// A query as evidence: resolver, outcome, rcode and whatever came back.
Evidence evidence_of(const facts::DnsQuery& query);

// The query for `name`/`type` in `view` when it ended cleanly. Otherwise records `error` for `subject`
// — naming the resolver and what happened, or that the lookup was never made — and returns null.
const facts::DnsQuery* clean_query(const facts::DnsFacts& dns, Results& results, facts::DnsView view,
                                   const std::string& name, std::string_view type, const std::string& subject);

// For checks of the internal view: records not_applicable for `subject` and returns false when no
// internal resolver was given.
bool internal_view_given(const facts::DnsFacts& dns, Results& results, const std::string& subject);

enum class Wanted { present, absent };

// Judges the SRV records of `service` in `view` (subject: the record name): pass when their presence
// is as wanted; otherwise `when_unmet` (for a missing record) or fail (for one that should not be
// there), with `consequence` saying what that does to clients. Only "." targets count as absent.
void judge_presence(const CheckContext& context, Results& results, facts::DnsView view, std::string_view service,
                    Wanted wanted, Status when_unmet, std::string_view consequence);

}  // namespace mra::checks::dns
