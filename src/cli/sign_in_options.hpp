#pragma once
// The options of `run` that concern signing in: the test user, where the password comes from (never
// argv: a password on a command line is visible to every local user in /proc), and how an edge is
// trusted before the credentials are sent to it.

#include <optional>

#include "cli/options.hpp"
#include "probe/http/edge_walk.hpp"

namespace mra::cli {

void add_sign_in_options(cxxopts::Options& options);
// --user, --password-env, --password-file alone (`sip` registers but does not sign in).
void add_credential_options(cxxopts::Options& options);

// The credentials of --user with the password from --password-env, --password-file or a prompt on
// the terminal; nullopt without --user. InputError (naming the source, never the password) when
// the password cannot be had.
std::optional<probe::http::Credentials> credentials_of(const cxxopts::ParseResult& parsed);

// --ca-bundle, --pin-sha256 (base64 or hex), --insecure.
probe::http::EdgeTrust edge_trust_of(const cxxopts::ParseResult& parsed);

probe::http::Base64Alphabet alphabet_of(const cxxopts::ParseResult& parsed);

}  // namespace mra::cli
