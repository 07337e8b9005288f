// The server's half of an XMPP stream up to <proceed/>: StreamReader fed in chunks whose size the
// first byte picks, every event taken after each feed, as the probe does.
#include <algorithm>

#include "fuzz.hpp"
#include "probe/xmpp/stream_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    namespace xmpp = mra::probe::xmpp;
    if (size == 0) return 0;
    const std::size_t chunk = std::size_t{data[0]} + 1;
    const auto stream = mra::fuzz::text(data + 1, size - 1);
    // A small byte limit so that too_large is reachable within -max_len.
    xmpp::StreamReader reader(xmpp::StreamLimits{.max_bytes = 8192, .max_depth = 16});
    for (std::size_t at = 0; at < stream.size(); at += chunk) {
        reader.feed(stream.substr(at, std::min(chunk, stream.size() - at)));
        for (;;) {
            const xmpp::StreamEvent event = reader.next();
            if (event.kind == xmpp::StreamEventKind::need_more) break;
            if (event.kind == xmpp::StreamEventKind::element) {
                // What the probe asks of the features and the TLS answer.
                (void)event.element.child("urn:ietf:params:xml:ns:xmpp-tls", "starttls");
                (void)event.element.attribute("from");
                (void)event.element.qualified_name();
                if (event.element.is("urn:ietf:params:xml:ns:xmpp-tls", "proceed")) return 0;
                continue;
            }
            if (event.kind != xmpp::StreamEventKind::stream_opened) return 0;  // final
            (void)event.element.attribute("from");
        }
    }
    return 0;
}
