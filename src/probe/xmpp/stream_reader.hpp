#pragma once
// The server's half of an XMPP stream, read incrementally (RFC 6120 §4.2, §11): the stream header,
// then each complete top-level element (<stream:features/>, <proceed/>, <stream:error/> …) as soon
// as its last byte has arrived.
//
// Why our own scanner rather than tinyxml2: the stream is one XML document that never ends while
// we read it, so a document parser can only be handed elements that something else has already cut
// out — and finding where an element ends (quotes, references, nesting) is the whole of the parsing
// these few elements need. tinyxml2 would parse each one a second time, and it knows no namespaces,
// which XMPP needs (<starttls/> counts only in urn:ietf:params:xml:ns:xmpp-tls, whatever its prefix).
//
// It is a byte-at-a-time state machine, so a server dribbling one byte per segment costs linear time,
// and it is bounded: at most `max_bytes` in all and `max_depth` open elements, the stream included.
// RFC 6120 §11.1 forbids comments, processing instructions (but the XML declaration), DTDs and
// entities other than the predefined ones: those are malformed here too.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mra::probe::xmpp {

inline constexpr std::string_view streams_namespace = "http://etherx.jabber.org/streams";

// One element with its namespace resolved from the xmlns declarations in scope.
struct XmlElement {
    std::string prefix;  // as written: "stream" in <stream:features>, empty when none
    std::string name;    // local name: "features"
    std::string ns;      // namespace URI, empty when no declaration is in scope
    std::vector<std::pair<std::string, std::string>> attributes;  // qualified name, decoded value
    std::vector<XmlElement> children;
    std::string text;  // character data directly inside, references decoded

    bool is(std::string_view namespace_uri, std::string_view local_name) const {
        return ns == namespace_uri && name == local_name;
    }
    // The value of an attribute by qualified name ("from", "xml:lang"); empty when absent.
    std::string attribute(std::string_view qualified_name) const;
    // The first child with this namespace and local name, or nullptr.
    const XmlElement* child(std::string_view namespace_uri, std::string_view local_name) const;
    std::string qualified_name() const { return prefix.empty() ? name : prefix + ":" + name; }
};

struct StreamLimits {
    std::size_t max_bytes = 64 * 1024;  // everything read, from the first byte
    std::size_t max_depth = 16;         // elements open at once, <stream:stream> included
};

enum class StreamEventKind {
    need_more,      // everything fed so far is consumed: feed more
    stream_opened,  // the server's <stream:stream ...> (element: the header, no children)
    element,        // a complete child of the stream
    stream_closed,  // </stream:stream>
    malformed,      // not XML, not an XMPP stream, or XML that RFC 6120 §11 forbids (error says why)
    too_large,      // a limit was hit (error says which)
};

struct StreamEvent {
    StreamEventKind kind = StreamEventKind::need_more;
    XmlElement element;
    std::string error;  // one line
};

class StreamReader {
public:
    explicit StreamReader(StreamLimits limits = {});

    void feed(std::span<const std::uint8_t> bytes);
    void feed(std::string_view text);
    // The next event from what has been fed. malformed, too_large and stream_closed are final: they
    // are returned again by every later call.
    StreamEvent next();
    // Bytes fed and not yet consumed: anything the server sent after the last event.
    std::string_view unread() const { return std::string_view(m_input).substr(m_position); }

private:
    enum class State {
        text,
        markup,  // after '<'
        start_name,
        in_tag,  // between attributes
        attribute_name,
        before_equals,
        before_value,
        value,
        after_value,
        empty_close,  // after '/' in a start tag
        end_name,
        after_end_name,
        declaration,  // <? … ?>
        cdata_open,   // <! expecting [CDATA[
        cdata,
        reference,  // after '&', in text or in an attribute value
    };
    struct Frame {
        XmlElement element;
        std::vector<std::pair<std::string, std::string>> namespaces;  // prefix ("" for default), URI
    };

    void step(char c);
    void step_text(char c);
    void step_markup(char c);
    void step_tag(char c);
    bool ends_start_tag(char c);
    void step_end_tag(char c);
    void step_special(char c);
    void open_element(bool empty);
    void close_element(const std::string& qualified_name);
    void start_reference(State back);
    void end_reference();
    bool split_name(const std::string& qualified, std::string& prefix, std::string& local);
    std::string resolve(const std::string& prefix, const Frame& frame) const;
    void stop(StreamEventKind kind, std::string error);
    void emit(StreamEventKind kind, XmlElement element = {});

    StreamLimits m_limits;
    std::string m_input;
    std::size_t m_position = 0;
    std::size_t m_consumed = 0;  // bytes stepped over in all
    State m_state = State::text;
    State m_after_reference = State::text;
    std::vector<Frame> m_stack;    // open elements, the stream at the bottom
    bool m_stream_seen = false;    // the header has been read (no more XML declaration)
    std::string m_name;            // element or end tag name being read
    std::string m_attribute_name;  // attribute being read
    std::string m_value;           // its value
    char m_quote = 0;
    std::string m_reference;                                        // between '&' and ';'
    std::string m_special;                                          // the body of <? ?> or <![CDATA[ ]]> read so far
    std::vector<std::pair<std::string, std::string>> m_attributes;  // of the start tag being read
    StreamEvent m_event;                                            // the next one to return, need_more when none
    bool m_final = false;
};

}  // namespace mra::probe::xmpp
