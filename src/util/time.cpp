#include "util/time.hpp"

#include <chrono>
#include <cstdio>

namespace mra {
namespace {

using namespace std::chrono;

bool digits(std::string_view text, std::size_t position, std::size_t count, int& value) {
    if (position + count > text.size()) return false;
    value = 0;
    for (std::size_t i = position; i < position + count; ++i) {
        if (text[i] < '0' || text[i] > '9') return false;
        value = value * 10 + (text[i] - '0');
    }
    return true;
}

}  // namespace

std::int64_t unix_now() {
    return duration_cast<seconds>(system_clock::now().time_since_epoch()).count();
}
std::int64_t unix_now_ms() {
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::string rfc3339(std::int64_t unix_seconds) {
    const sys_seconds time{seconds{unix_seconds}};
    const auto day = floor<days>(time);
    const year_month_day date{day};
    const hh_mm_ss clock{time - day};
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02ld:%02ld:%02ldZ", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                  static_cast<long>(clock.hours().count()), static_cast<long>(clock.minutes().count()),
                  static_cast<long>(clock.seconds().count()));
    return buffer;
}

std::string rfc3339_ms(std::int64_t unix_milliseconds) {
    const std::int64_t seconds_part =
        unix_milliseconds >= 0 ? unix_milliseconds / 1000 : (unix_milliseconds - 999) / 1000;
    std::string text = rfc3339(seconds_part);
    char fraction[8];
    std::snprintf(fraction, sizeof fraction, ".%03lld",
                  static_cast<long long>(unix_milliseconds - seconds_part * 1000));
    return text.insert(text.size() - 1, fraction);
}

std::string date_only(std::int64_t unix_seconds) {
    return rfc3339(unix_seconds).substr(0, 10);
}

std::string decimal_seconds(std::int64_t milliseconds) {
    char text[32];
    std::snprintf(text, sizeof text, "%.3f", static_cast<double>(milliseconds) / 1000.0);
    return text;
}

std::int64_t days_between(std::int64_t from, std::int64_t to) {
    return (to - from) / 86400;
}

std::optional<std::int64_t> parse_rfc3339(std::string_view text) {
    int y, mo, d, h = 0, mi = 0, s = 0;
    if (!digits(text, 0, 4, y) || text.size() < 10 || text[4] != '-' || !digits(text, 5, 2, mo) || text[7] != '-' ||
        !digits(text, 8, 2, d))
        return std::nullopt;
    const year_month_day date{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
    if (!date.ok()) return std::nullopt;
    std::int64_t offset = 0;
    if (text.size() > 10) {
        if ((text[10] != 'T' && text[10] != 't' && text[10] != ' ') || !digits(text, 11, 2, h) || text.size() < 19 ||
            text[13] != ':' || !digits(text, 14, 2, mi) || text[16] != ':' || !digits(text, 17, 2, s))
            return std::nullopt;
        if (h > 23 || mi > 59 || s > 60) return std::nullopt;
        std::size_t position = 19;
        if (position < text.size() && text[position] == '.') {
            ++position;
            const std::size_t start = position;
            while (position < text.size() && text[position] >= '0' && text[position] <= '9') ++position;
            if (position == start) return std::nullopt;
        }
        const std::string_view zone = text.substr(position);
        if (zone == "Z" || zone == "z") {
            offset = 0;
        } else {
            int zone_hours, zone_minutes;
            if (zone.size() != 6 || (zone[0] != '+' && zone[0] != '-') || !digits(zone, 1, 2, zone_hours) ||
                zone[3] != ':' || !digits(zone, 4, 2, zone_minutes) || zone_hours > 23 || zone_minutes > 59)
                return std::nullopt;
            offset = (zone[0] == '+' ? 1 : -1) * (zone_hours * 3600 + zone_minutes * 60);
        }
    }
    const std::int64_t day_seconds = sys_days{date}.time_since_epoch().count() * 86400LL;
    return day_seconds + h * 3600 + mi * 60 + std::min(s, 59) - offset;
}

std::optional<std::int64_t> parse_relative_time(std::string_view text, std::int64_t now) {
    if (text.size() < 3 || (text.front() != '+' && text.front() != '-')) return std::nullopt;
    std::int64_t unit = 0;
    switch (text.back()) {
        case 'm':
            unit = 60;
            break;
        case 'h':
            unit = 3600;
            break;
        case 'd':
            unit = 86400;
            break;
        case 'w':
            unit = 7 * 86400;
            break;
        default:
            return std::nullopt;
    }
    const std::string_view number = text.substr(1, text.size() - 2);
    if (number.empty() || number.size() > 9) return std::nullopt;
    std::int64_t count = 0;
    for (const char c : number) {
        if (c < '0' || c > '9') return std::nullopt;
        count = count * 10 + (c - '0');
    }
    const std::int64_t offset = count * unit;
    if (offset > 100LL * 366 * 86400) return std::nullopt;
    return text.front() == '+' ? now + offset : now - offset;
}

std::optional<std::int64_t> parse_http_date(std::string_view text) {
    static constexpr std::string_view months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    // "Sun, 06 Nov 1994 08:49:37 GMT": 29 characters, fixed positions.
    int d, y, h, mi, s;
    if (text.size() != 29 || text.substr(3, 2) != ", " || !digits(text, 5, 2, d) || text[7] != ' ' || text[11] != ' ' ||
        !digits(text, 12, 4, y) || text[16] != ' ' || !digits(text, 17, 2, h) || text[19] != ':' ||
        !digits(text, 20, 2, mi) || text[22] != ':' || !digits(text, 23, 2, s) || text.substr(25) != " GMT")
        return std::nullopt;
    unsigned month_number = 0;
    for (unsigned i = 0; i < 12; ++i)
        if (text.substr(8, 3) == months[i]) month_number = i + 1;
    const year_month_day date{year{y}, month{month_number}, day{static_cast<unsigned>(d)}};
    if (!date.ok() || h > 23 || mi > 59 || s > 60) return std::nullopt;
    return sys_days{date}.time_since_epoch().count() * 86400LL + h * 3600 + mi * 60 + std::min(s, 59);
}

}  // namespace mra
