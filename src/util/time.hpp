#pragma once
// Times as the contract writes them: RFC 3339 UTC.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mra {

std::int64_t unix_now();                                 // seconds
std::int64_t unix_now_ms();                              // milliseconds
std::string rfc3339(std::int64_t unix_seconds);          // "2027-01-15T00:00:00Z"
std::string rfc3339_ms(std::int64_t unix_milliseconds);  // "2027-01-15T00:00:00.123Z"
std::string date_only(std::int64_t unix_seconds);        // "2027-01-15"
std::string decimal_seconds(std::int64_t milliseconds);  // "1.234"
// Whole days from `from` to `to`, toward zero, negative when `to` is earlier: cert.expiry's
// days_left, so that every countdown of the same certificate says the same number.
std::int64_t days_between(std::int64_t from, std::int64_t to);
// "2027-01-15T00:00:00Z", with optional fractional seconds and a numeric offset ("+01:00"),
// or a date alone ("2027-01-15", midnight UTC). nullopt when it is none of these.
std::optional<std::int64_t> parse_rfc3339(std::string_view text);
// A time relative to `now`: "+30d", "-12h", "+2w", "+90m" (a sign, a whole number, one unit of
// m, h, d or w). nullopt for anything else, or beyond ±100 years.
std::optional<std::int64_t> parse_relative_time(std::string_view text, std::int64_t now);

// An HTTP Date in the preferred IMF-fixdate form, "Sun, 06 Nov 1994 08:49:37 GMT" (RFC 9110
// §5.6.7). nullopt for anything else.
std::optional<std::int64_t> parse_http_date(std::string_view text);

}  // namespace mra
