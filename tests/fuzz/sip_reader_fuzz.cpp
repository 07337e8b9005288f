// The SIP stream as it arrives: MessageReader frames it (fed in chunks whose size the first byte
// picks, with next() after every feed as the probe does), and each frame goes to parse_message.
#include <algorithm>

#include "fuzz.hpp"
#include "probe/sip/message.hpp"
#include "probe/sip/message_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    namespace sip = mra::probe::sip;
    if (size == 0) return 0;
    const std::size_t chunk = std::size_t{data[0]} * 16 + 1;
    const auto stream = mra::fuzz::text(data + 1, size - 1);
    // Small limits, so that the bounds are reached within -max_len.
    sip::MessageReader reader(
        sip::ReaderLimits{.max_header_bytes = 2048, .max_header_lines = 40, .max_body_bytes = 4096});
    for (std::size_t at = 0; at < stream.size(); at += chunk) {
        reader.feed(stream.substr(at, std::min(chunk, stream.size() - at)));
        for (;;) {
            const sip::Frame frame = reader.next();
            if (frame.status == sip::FrameStatus::complete) {
                (void)sip::parse_message(frame.message);
                continue;
            }
            if (frame.status != sip::FrameStatus::need_more) return 0;
            break;
        }
    }
    return 0;
}
