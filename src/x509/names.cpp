#include "x509/names.hpp"

#include <arpa/inet.h>
#include <sys/socket.h>

#include <algorithm>
#include <array>
#include <vector>

#include "util/text.hpp"
#include "x509/subject_alt_name.hpp"

namespace mra::x509 {

namespace {

std::string_view strip_trailing_dot(std::string_view name) {
    if (!name.empty() && name.back() == '.') {
        name.remove_suffix(1);
    }
    return name;
}

std::vector<std::string_view> split_labels(std::string_view name) {
    std::vector<std::string_view> labels;
    std::size_t start = 0;
    for (;;) {
        const std::size_t dot = name.find('.', start);
        labels.push_back(name.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
        if (dot == std::string_view::npos) {
            return labels;
        }
        start = dot + 1;
    }
}

// A host name label as RFC 1123 §2.1 allows it (letters, digits, hyphens; no hyphen at either end).
// A-labels ("xn--…", RFC 5890) are such labels, so IDNs compare in their ASCII form.
bool is_ldh_label(std::string_view label) {
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') {
        return false;
    }
    return std::all_of(label.begin(), label.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
    });
}

// A DNS name of one or more LDH labels, at most 253 characters (RFC 1035 §2.3.4).
bool is_host_name(std::string_view name) {
    if (name.empty() || name.size() > 253) {
        return false;
    }
    const auto labels = split_labels(name);
    return std::all_of(labels.begin(), labels.end(), is_ldh_label);
}

// The binary form of an IPv4 or IPv6 literal, so that "::1" and "0:0::1" compare equal.
std::optional<std::vector<unsigned char>> ip_address(std::string_view text) {
    const std::string copy(text);
    std::array<unsigned char, 16> buffer{};
    if (inet_pton(AF_INET, copy.c_str(), buffer.data()) == 1) {
        return std::vector<unsigned char>(buffer.begin(), buffer.begin() + 4);
    }
    if (inet_pton(AF_INET6, copy.c_str(), buffer.data()) == 1) {
        return std::vector<unsigned char>(buffer.begin(), buffer.end());
    }
    return std::nullopt;
}

bool is_srv_id(const facts::OtherName& name) {
    return name.type_oid == srvname_oid;
}

}  // namespace

bool dns_name_matches(std::string_view pattern, std::string_view host) {
    const std::string wanted = lower_case(strip_trailing_dot(host));
    const std::string presented = lower_case(strip_trailing_dot(pattern));
    if (!is_host_name(wanted) || presented.empty()) {
        return false;
    }
    const auto pattern_labels = split_labels(presented);
    const auto host_labels = split_labels(wanted);
    if (pattern_labels.size() != host_labels.size()) {
        return false;  // a wildcard stands for exactly one label (RFC 6125 §6.4.3)
    }
    for (std::size_t i = 0; i < pattern_labels.size(); ++i) {
        const std::string_view label = pattern_labels[i];
        if (i == 0 && label == "*") {
            // RFC 6125 §7.2: a wildcard directly under a single-label name ("*.com") would cover a
            // whole top-level domain; require at least two labels after it.
            if (pattern_labels.size() < 3) {
                return false;
            }
            continue;
        }
        // RFC 6125 §6.4.3: only a complete left-most "*" label is honoured; partial-label
        // ("f*.example.com") and non-left-most ("a.*.example.com") wildcards never match.
        if (label.find('*') != std::string_view::npos || label != host_labels[i]) {
            return false;
        }
    }
    return true;
}

bool names_cover_host(const facts::SubjectAltName& san, std::string_view common_name, std::string_view host) {
    // An IP literal is matched against iPAddress entries only (RFC 6125 §1.7.2, RFC 2818 §3.1).
    if (const auto address = ip_address(strip_trailing_dot(host))) {
        return std::any_of(san.ip.begin(), san.ip.end(),
                           [&](const std::string& ip) { return ip_address(ip) == address; });
    }
    // RFC 6125 §6.4.4: the subject CN is consulted only when the certificate presents no DNS-ID,
    // SRV-ID or URI-ID at all.
    const bool has_dns_srv_or_uri =
        !san.dns.empty() || !san.uri.empty() || std::any_of(san.other_names.begin(), san.other_names.end(), is_srv_id);
    if (has_dns_srv_or_uri) {
        return std::any_of(san.dns.begin(), san.dns.end(),
                           [&](const std::string& dns) { return dns_name_matches(dns, host); });
    }
    return !common_name.empty() && dns_name_matches(common_name, host);
}

std::optional<SrvName> parse_srvname(std::string_view value) {
    // RFC 4985 §2: "_Service.Name" (an RFC 2782 owner name without the protocol label), or Cisco's
    // "_Service._Proto.Name" with it: a second label that starts with "_" is the protocol.
    const std::string_view name = strip_trailing_dot(value);
    const std::size_t first_dot = name.find('.');
    if (first_dot == std::string_view::npos) {
        return std::nullopt;
    }
    const std::string_view service = name.substr(0, first_dot);
    std::string_view rest = name.substr(first_dot + 1);
    std::string_view protocol;
    if (rest.starts_with('_')) {
        const std::size_t dot = rest.find('.');
        if (dot == std::string_view::npos) {
            return std::nullopt;
        }
        protocol = rest.substr(0, dot);
        rest = rest.substr(dot + 1);
        if (protocol.size() < 2 || !is_ldh_label(protocol.substr(1))) {
            return std::nullopt;
        }
        protocol.remove_prefix(1);
    }
    if (service.size() < 2 || service.front() != '_' || !is_ldh_label(service.substr(1))) {
        return std::nullopt;
    }
    if (!is_host_name(rest)) {
        return std::nullopt;
    }
    return SrvName{lower_case(service.substr(1)), lower_case(protocol), lower_case(rest)};
}

bool srvname_matches(const SrvName& name, std::string_view service, std::string_view protocol,
                     std::string_view domain) {
    // Callers may pass the owner-name form ("_collab-edge") or the bare service ("collab-edge").
    const auto bare = [](std::string_view label) {
        return lower_case(label.starts_with('_') ? label.substr(1) : label);
    };
    return name.service == bare(service) && name.protocol == bare(protocol) &&
           name.domain == lower_case(strip_trailing_dot(domain));
}

}  // namespace mra::x509
