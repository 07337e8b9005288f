#pragma once
// What the edge.*, uds.* and tftp.* checks share: which Expressway-Es were walked (and why the others
// were not), what each HTTP status means on the MRA path (Cisco MRA Deployment Guide X12.5,
// "Troubleshooting"; MRA Deployment Guide X14.3, "MRA Maintenance": 429 rate control, 503
// maintenance mode; Cisco TAC 211304: 401 with realm Cisco-Edge), and the one finding for an
// exchange that either answered or did not.

#include <functional>
#include <string>

#include "core/check.hpp"

namespace mra::checks::sign_in {

using Judge = std::function<void(const facts::EdgeSession& session, const std::string& subject)>;

// Calls `judge` for every Expressway-E whose sign-in walk ran, subject "host:port". For the rest it
// records not_run with the reason: no test user, no Expressway-E, or TLS to it failed. Nothing for
// the offline `cert` command.
void for_each_session(const CheckContext& context, Results& results, const Judge& judge);

// As for_each_session, but only for sessions with a getEdgeConfigResponse; not_run for the others,
// naming what withheld it.
void for_each_config(const CheckContext& context, Results& results, const Judge& judge);

// A 401 whose challenges (RFC 7235 §4.1) do not include Basic: the edge does not take credentials
// (Expressway MRA access policy with "Authorize by user credential" off, OAuth/SSO only).
bool refuses_basic(const facts::HttpExchange& exchange);

// Why there is no getEdgeConfigResponse: "needs a getEdgeConfigResponse, which the 401 withheld …".
std::string missing_config(const facts::EdgeSession& session);

// One line: what the exchange got and, for a failure, its likely cause and where to look.
std::string explain(const facts::HttpExchange& exchange);

Evidence evidence_of(const facts::HttpExchange& exchange);

// The usual finding for a tunnelled exchange: not_run (with the probe's reason) when it was not
// sent, `passed` when answered, else `failure` with explain().
void judge_exchange(Results& results, const Subject& subject, const facts::HttpExchange& exchange,
                    const std::string& passed, Status failure = Status::fail);

}  // namespace mra::checks::sign_in
