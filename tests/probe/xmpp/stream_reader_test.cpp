#include "probe/xmpp/stream_reader.hpp"

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

namespace xmpp = mra::probe::xmpp;
using xmpp::StreamEvent;
using xmpp::StreamEventKind;

namespace {

constexpr std::string_view tls_ns = "urn:ietf:params:xml:ns:xmpp-tls";
constexpr std::string_view header =
    "<?xml version='1.0'?><stream:stream xmlns:stream='http://etherx.jabber.org/streams' xml:lang='en' "
    "id='abc' from='example.com' version='1.0' xmlns='jabber:client'>";

bool is_final(StreamEventKind kind) {
    return kind == StreamEventKind::malformed || kind == StreamEventKind::too_large ||
           kind == StreamEventKind::stream_closed;
}

// Every event of `input`, fed whole or one byte at a time, up to the first final one.
std::vector<StreamEvent> events_of(std::string_view input, bool byte_by_byte = false, xmpp::StreamLimits limits = {}) {
    xmpp::StreamReader reader(limits);
    std::vector<StreamEvent> events;
    const auto drain = [&] {
        for (;;) {
            auto event = reader.next();
            if (event.kind == StreamEventKind::need_more) return true;
            events.push_back(event);
            if (is_final(event.kind)) return false;
        }
    };
    if (!byte_by_byte) {
        reader.feed(input);
        drain();
        return events;
    }
    for (const char c : input) {
        reader.feed(std::string_view(&c, 1));
        if (!drain()) break;
    }
    return events;
}

// The error of the last event, which must be `kind`.
std::string final_error(std::string_view input, StreamEventKind kind = StreamEventKind::malformed,
                        xmpp::StreamLimits limits = {}) {
    const auto events = events_of(input, false, limits);
    REQUIRE_FALSE(events.empty());
    CHECK(events.back().kind == kind);
    return events.back().error;
}

std::string with_header(std::string_view rest) {
    return std::string(header) + std::string(rest);
}

}  // namespace

TEST_CASE("xmpp stream reader: Prosody's header and features, whole and one byte at a time") {
    const std::string input = with_header(
        "<stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls>"
        "<mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>PLAIN</mechanism></mechanisms>"
        "</stream:features>");
    for (const bool byte_by_byte : {false, true}) {
        CAPTURE(byte_by_byte);
        const auto events = events_of(input, byte_by_byte);
        REQUIRE(events.size() == 2);

        REQUIRE(events[0].kind == StreamEventKind::stream_opened);
        const auto& stream = events[0].element;
        CHECK(stream.prefix == "stream");
        CHECK(stream.name == "stream");
        CHECK(stream.ns == xmpp::streams_namespace);
        CHECK(stream.attribute("from") == "example.com");
        CHECK(stream.attribute("version") == "1.0");
        CHECK(stream.attribute("xml:lang") == "en");
        CHECK(stream.attribute("to").empty());

        REQUIRE(events[1].kind == StreamEventKind::element);
        const auto& features = events[1].element;
        CHECK(features.is(xmpp::streams_namespace, "features"));
        REQUIRE(features.children.size() == 2);
        const auto* starttls = features.child(tls_ns, "starttls");
        REQUIRE(starttls != nullptr);
        CHECK(starttls->child(tls_ns, "required") != nullptr);
        const auto& mechanisms = features.children[1];
        CHECK(mechanisms.is("urn:ietf:params:xml:ns:xmpp-sasl", "mechanisms"));
        REQUIRE(mechanisms.children.size() == 1);
        CHECK(mechanisms.children[0].text == "PLAIN");
        // The default namespace of the stream applies where nothing else is declared.
        CHECK(features.child("jabber:client", "starttls") == nullptr);
    }
}

TEST_CASE("xmpp stream reader: quotes, prefixes, whitespace and keepalives as a server may write them") {
    const auto events = events_of(
        "\n<stream:stream\n  xmlns=\"jabber:client\"\txmlns:stream = \"http://etherx.jabber.org/streams\"\n"
        "  from=\"example.com\" version=\"1.0\" >\n \r\n"
        "<stream:features >\n  <tls:starttls xmlns:tls=\"urn:ietf:params:xml:ns:xmpp-tls\"><tls:required\n/>"
        "</tls:starttls\n>\n</stream:features>  \n \n"
        "<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls' ></proceed>");
    REQUIRE(events.size() == 3);
    CHECK(events[0].element.attribute("from") == "example.com");
    const auto* starttls = events[1].element.child(tls_ns, "starttls");
    REQUIRE(starttls != nullptr);
    CHECK(starttls->prefix == "tls");
    CHECK(starttls->child(tls_ns, "required") != nullptr);
    CHECK(events[2].element.is(tls_ns, "proceed"));
}

TEST_CASE("xmpp stream reader: references and CDATA in text and attributes are decoded") {
    const auto events = events_of(with_header(
        "<stream:error><text xmlns='urn:ietf:params:xml:ns:xmpp-streams' note='&quot;a&apos; &amp;\nb&#10;'>"
        "1 &lt; 2 &gt; 0 &#65;&#x42;&#x20AC;<![CDATA[<not> & ]] markup]]></text></stream:error>"));
    REQUIRE(events.size() == 2);
    const auto& text = events[1].element.children.at(0);
    CHECK(text.text == "1 < 2 > 0 AB€<not> & ]] markup");
    // XML 1.0 §3.3.3: a literal newline in a value becomes a space, a character reference stays.
    CHECK(text.attribute("note") == "\"a' & b\n");
}

TEST_CASE("xmpp stream reader: the server closing its stream is the last event") {
    xmpp::StreamReader reader;
    reader.feed(
        with_header("<stream:error><host-unknown xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>"
                    "</stream:error></stream:stream>"));
    CHECK(reader.next().kind == StreamEventKind::stream_opened);
    const auto error = reader.next();
    REQUIRE(error.kind == StreamEventKind::element);
    CHECK(error.element.child("urn:ietf:params:xml:ns:xmpp-streams", "host-unknown") != nullptr);
    CHECK(reader.next().kind == StreamEventKind::stream_closed);
    CHECK(reader.next().kind == StreamEventKind::stream_closed);
}

TEST_CASE("xmpp stream reader: what follows an event stays unread until asked for") {
    xmpp::StreamReader reader;
    reader.feed(with_header("<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>\x16\x03\x01"));
    CHECK(reader.next().kind == StreamEventKind::stream_opened);
    CHECK(reader.next().kind == StreamEventKind::element);
    CHECK(reader.unread() == "\x16\x03\x01");
}

TEST_CASE("xmpp stream reader: what is not an XMPP stream is malformed, with the reason") {
    SUBCASE("an HTTP server") {
        CHECK(final_error("HTTP/1.1 400 Bad Request\r\nServer: nginx\r\n\r\n") ==
              "not an XML stream: the server sent \"HTTP/1.1 400 Bad Request\"");
    }
    SUBCASE("a TLS server (an alert record)") {
        CHECK(final_error(std::string("\x15\x03\x01\x00\x02\x02\x46", 7)) ==
              "not an XML stream: the server sent bytes 15 03 01 00 02 02 46");
    }
    SUBCASE("another document") {
        CHECK(final_error("<html><body>") == "expected <stream:stream>, got <html>");
    }
    SUBCASE("a stream header in the wrong namespace") {
        CHECK(final_error("<stream:stream xmlns:stream='jabber:client'>") ==
              "expected <stream:stream>, got <stream:stream>");
    }
    SUBCASE("an empty stream") {
        CHECK(final_error("<stream:stream xmlns:stream='http://etherx.jabber.org/streams'/>") ==
              "an empty stream, <stream:stream/>");
    }
    SUBCASE("an end tag for another element") {
        CHECK(final_error(with_header("<stream:features></stream:feature>")) ==
              "</stream:feature> closes <stream:features>");
    }
    SUBCASE("comments, document types and processing instructions (RFC 6120 §11.1)") {
        CHECK(final_error(with_header("<!-- hello -->")) == "a comment (RFC 6120 §11.1 forbids them)");
        CHECK(final_error("<!DOCTYPE stream>") == "a document type declaration (RFC 6120 §11.1 forbids them)");
        CHECK(final_error(with_header("<?php x ?>")) == "a processing instruction (RFC 6120 §11.1 forbids them)");
        CHECK(final_error("<?php x ?>") ==
              "a processing instruction other than the XML declaration (RFC 6120 §11.1 forbids them)");
    }
    SUBCASE("entities other than the predefined ones") {
        CHECK(final_error(with_header("<a>&nbsp;</a>")) ==
              "the reference &nbsp; (RFC 6120 §11.1 allows only the predefined entities)");
        CHECK(final_error(with_header("<a>&#0;</a>")) ==
              "the reference &#0; (RFC 6120 §11.1 allows only the predefined entities)");
        CHECK(final_error(with_header("<a>&aaaaaaaaaaaaaaaaaaaaaa;</a>")) == "an unterminated reference &aaaaaaaaaa");
    }
    SUBCASE("control characters") {
        CHECK(final_error(with_header(std::string("<a>\x01</a>", 8))) == "the control character byte 0x01 is not XML");
    }
    SUBCASE("broken tags") {
        CHECK(final_error(with_header("<a b=c>")) == "'c' where the quoted value of b should start in the tag <a");
        CHECK(final_error(with_header("<a b>")) == "'>' in the attribute name b in the tag <a");
        CHECK(final_error(with_header("<a b >")) == "'>' where '=' should follow the attribute name b in the tag <a");
        CHECK(final_error(with_header("<a b='1'c='2'>")) == "'c' right after the value of b in the tag <a");
        CHECK(final_error(with_header("<a b='<'>")) == "'<' in the value of b in the tag <a");
        CHECK(final_error(with_header("< a>")) == "'<' followed by byte 0x20 starts no tag");
        CHECK(final_error(with_header("<a:b:c/>")) == "<a:b:c> is not a qualified name");
        CHECK(final_error(with_header("<a/ >")) == "byte 0x20 after '/' in the tag <a");
    }
    SUBCASE("text between the stream's elements") {
        CHECK(final_error(with_header("<a/>garbage")) == "text outside any element at the stream level");
    }
    SUBCASE("malformed is final") {
        xmpp::StreamReader reader;
        reader.feed("garbage");
        CHECK(reader.next().kind == StreamEventKind::malformed);
        reader.feed(header);
        CHECK(reader.next().kind == StreamEventKind::malformed);
    }
}

TEST_CASE("xmpp stream reader: bounded in bytes and in depth") {
    SUBCASE("16 open elements, the stream included, are allowed; 17 are not") {
        std::string fifteen;
        for (int i = 0; i < 15; ++i) fifteen += "<a>";
        for (int i = 0; i < 15; ++i) fifteen += "</a>";
        const auto events = events_of(with_header(fifteen));
        REQUIRE(events.size() == 2);
        CHECK(events[1].kind == StreamEventKind::element);

        std::string sixteen;
        for (int i = 0; i < 16; ++i) sixteen += "<a>";
        CHECK(final_error(with_header(sixteen), StreamEventKind::too_large) ==
              "elements nested deeper than 16 (at <a>)");
    }
    SUBCASE("the byte limit counts from the first byte") {
        const std::string input = with_header("<stream:features>" + std::string(1000, 'x'));
        CHECK(final_error(input, StreamEventKind::too_large, {.max_bytes = 500}) == "more than 500 bytes");
        // Exactly at the limit is fine.
        const auto events = events_of(input.substr(0, 500), false, {.max_bytes = 500});
        CHECK(events.size() == 1);
    }
    SUBCASE("a megabyte fed at once is not held: one byte over the limit is enough to know") {
        xmpp::StreamReader reader;
        reader.feed(with_header("<stream:features>"));
        CHECK(reader.next().kind == StreamEventKind::stream_opened);
        reader.feed(std::string(1024 * 1024, 'A'));
        CHECK(reader.unread().size() <= 64 * 1024 + 1);
        const auto event = reader.next();
        CHECK(event.kind == StreamEventKind::too_large);
        CHECK(event.error == "more than 65536 bytes");
    }
}
