#include "x509/names.hpp"

#include <doctest/doctest.h>

#include <string>

#include "x509/subject_alt_name.hpp"

namespace facts = mra::facts;
namespace x509 = mra::x509;

TEST_CASE("dns_name_matches: RFC 6125 §6.4 reference identifiers") {
    struct Case {
        const char* pattern;
        const char* host;
        bool matches;
    };
    const Case cases[] = {
        // exact, case-insensitive (§6.4.1), trailing dot ignored on either side
        {"expe.example.com", "expe.example.com", true},
        {"EXPE.Example.COM", "expe.example.com", true},
        {"expe.example.com", "Expe.Example.Com", true},
        {"expe.example.com.", "expe.example.com", true},
        {"expe.example.com", "expe.example.com.", true},
        {"expe.example.com", "expe1.example.com", false},
        {"example.com", "expe.example.com", false},
        // wildcard: the whole left-most label, exactly one label (§6.4.3)
        {"*.example.com", "expe.example.com", true},
        {"*.example.com", "EXPE.EXAMPLE.COM.", true},
        {"*.example.com", "example.com", false},
        {"*.example.com", "a.b.example.com", false},
        {"*.example.com", ".example.com", false},
        {"*.com", "example.com", false},  // §7.2: not directly under a single label
        // partial-label and non-left-most wildcards never match
        {"exp*.example.com", "expe.example.com", false},
        {"*pe.example.com", "expe.example.com", false},
        {"e*e.example.com", "expe.example.com", false},
        {"expe.*.com", "expe.example.com", false},
        {"expe.example.*", "expe.example.com", false},
        {"**.example.com", "expe.example.com", false},
        {"*", "localhost", false},
        // IDNs compare as A-labels (§6.4.2), case-insensitively; a wildcard may stand for one
        {"xn--bcher-kva.example", "XN--BCHER-KVA.example", true},
        {"*.xn--bcher-kva.example", "shop.xn--bcher-kva.example", true},
        {"xn--bcher-kva.example", "bücher.example", false},
        // degenerate input
        {"", "expe.example.com", false},
        {"expe.example.com", "", false},
        {"expe..example.com", "expe..example.com", false},
        {"*.example.com", "*.example.com", false},
    };
    for (const auto& c : cases) {
        CAPTURE(c.pattern);
        CAPTURE(c.host);
        CHECK(x509::dns_name_matches(c.pattern, c.host) == c.matches);
    }
}

TEST_CASE("names_cover_host: SAN dNSNames when present, the CN only without DNS/SRV/URI IDs") {
    facts::SubjectAltName san;
    CHECK(x509::names_cover_host(san, "legacy.example.com", "legacy.example.com"));  // no SAN: the CN counts
    CHECK_FALSE(x509::names_cover_host(san, "", "legacy.example.com"));

    san.dns = {"expe.example.com", "*.cluster.example.com"};
    CHECK(x509::names_cover_host(san, "legacy.example.com", "expe.example.com"));
    CHECK(x509::names_cover_host(san, "legacy.example.com", "node1.cluster.example.com"));
    CHECK_FALSE(x509::names_cover_host(san, "legacy.example.com", "legacy.example.com"));  // §6.4.4: CN ignored

    facts::SubjectAltName srv_only;
    srv_only.other_names = {{x509::srvname_oid, "IA5String", "_collab-edge._tls.example.com"}};
    CHECK_FALSE(
        x509::names_cover_host(srv_only, "expe.example.com", "expe.example.com"));  // an SRV-ID rules the CN out

    facts::SubjectAltName xmpp_only;
    xmpp_only.other_names = {{x509::xmppaddr_oid, "UTF8String", "example.com"}};
    CHECK(x509::names_cover_host(xmpp_only, "expe.example.com", "expe.example.com"));

    facts::SubjectAltName ip_only;
    ip_only.ip = {"192.0.2.10", "2001:db8::1"};
    CHECK(x509::names_cover_host(ip_only, "expe.example.com", "expe.example.com"));  // iPAddress is not a DNS-ID
    CHECK(x509::names_cover_host(ip_only, "expe.example.com", "192.0.2.10"));
    CHECK(x509::names_cover_host(ip_only, "expe.example.com", "2001:0db8:0:0::1"));
    CHECK_FALSE(x509::names_cover_host(ip_only, "192.0.2.11", "192.0.2.11"));  // an IP is never matched by the CN
}

TEST_CASE("parse_srvname: the _service._proto.domain form") {
    const auto name = x509::parse_srvname("_collab-edge._tls.Example.COM");
    REQUIRE(name.has_value());
    CHECK(name->service == "collab-edge");
    CHECK(name->protocol == "tls");
    CHECK(name->domain == "example.com");

    const auto dotted = x509::parse_srvname("_cisco-phone-tftp._tcp.example.com.");  // 16 characters: allowed
    REQUIRE(dotted.has_value());
    CHECK(dotted->service == "cisco-phone-tftp");
    CHECK(dotted->domain == "example.com");

    // RFC 4985 §2 `_Service.Name`, without a protocol label: well formed for any service.
    const auto rfc4985 = x509::parse_srvname("_xmpp-client.example.com");
    REQUIRE(rfc4985.has_value());
    CHECK(rfc4985->service == "xmpp-client");
    CHECK(rfc4985->protocol.empty());
    CHECK(rfc4985->domain == "example.com");
    const auto no_underscore = x509::parse_srvname("_collab-edge.tls.example.com");  // the Name is tls.example.com
    REQUIRE(no_underscore.has_value());
    CHECK(no_underscore->protocol.empty());
    CHECK(no_underscore->domain == "tls.example.com");

    for (const char* bad :
         {"", "collab-edge._tls.example.com", "_collab-edge", "_collab-edge._tls", "_collab-edge._tls.",
          "__tls.example.com", "_._tls.example.com", "_collab-edge.__.example.com", "_collab-edge._tls.*.example.com",
          "_collab-edge._tls.exa mple.com", "_collab-edge._tls.example..com", "_-edge._tls.example.com",
          "_collab_edge._tls.example.com", "expe.example.com", "_collab-edge._tls._example.com"}) {
        CAPTURE(bad);
        CHECK_FALSE(x509::parse_srvname(bad).has_value());
    }
}

TEST_CASE("srvname_matches: service and protocol with or without '_', domain case-insensitive") {
    const auto name = x509::parse_srvname("_collab-edge._tls.example.com");
    REQUIRE(name.has_value());
    CHECK(x509::srvname_matches(*name, "collab-edge", "tls", "example.com"));
    CHECK(x509::srvname_matches(*name, "_collab-edge", "_tls", "EXAMPLE.com."));
    CHECK_FALSE(x509::srvname_matches(*name, "collab-edge", "tls", "example.net"));
    CHECK_FALSE(x509::srvname_matches(*name, "collab-edge", "tcp", "example.com"));
    CHECK_FALSE(x509::srvname_matches(*name, "sip", "tls", "example.com"));
    CHECK_FALSE(x509::srvname_matches(*name, "collab-edge", "tls", "sub.example.com"));
    const auto without_protocol = x509::parse_srvname("_collab-edge.example.com");
    REQUIRE(without_protocol.has_value());
    CHECK_FALSE(x509::srvname_matches(*without_protocol, "collab-edge", "tls", "example.com"));
}
