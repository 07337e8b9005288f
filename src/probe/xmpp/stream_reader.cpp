#include "probe/xmpp/stream_reader.hpp"

#include <algorithm>
#include <cstdio>

#include "util/one_line.hpp"

namespace mra::probe::xmpp {

namespace {

constexpr std::string_view xml_namespace = "http://www.w3.org/XML/1998/namespace";
constexpr std::size_t max_reference = 10;  // "#x10FFFF" and the predefined names fit

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// XML 1.0 §2.3 names, ASCII part; every non-ASCII byte is accepted (UTF-8 names are rare in XMPP
// and the stream elements we look for are ASCII).
bool is_name_start(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':' ||
           static_cast<unsigned char>(c) >= 0x80;
}

bool is_name_char(char c) {
    return is_name_start(c) || (c >= '0' && c <= '9') || c == '-' || c == '.';
}

// XML 1.0 §2.2: of the C0 controls only tab, CR and LF are characters.
bool is_forbidden_control(char c) {
    return static_cast<unsigned char>(c) < 0x20 && !is_space(c);
}

// For error messages: 'x' or "byte 0x01".
std::string shown(char c) {
    if (c >= 0x21 && c <= 0x7e) return std::string("'") + c + "'";
    char text[16];
    std::snprintf(text, sizeof text, "byte 0x%02x", static_cast<unsigned char>(c));
    return text;
}

void append_utf8(std::string& out, unsigned long code) {
    if (code < 0x80) {
        out += static_cast<char>(code);
    } else if (code < 0x800) {
        out += static_cast<char>(0xc0 | (code >> 6));
        out += static_cast<char>(0x80 | (code & 0x3f));
    } else if (code < 0x10000) {
        out += static_cast<char>(0xe0 | (code >> 12));
        out += static_cast<char>(0x80 | ((code >> 6) & 0x3f));
        out += static_cast<char>(0x80 | (code & 0x3f));
    } else {
        out += static_cast<char>(0xf0 | (code >> 18));
        out += static_cast<char>(0x80 | ((code >> 12) & 0x3f));
        out += static_cast<char>(0x80 | ((code >> 6) & 0x3f));
        out += static_cast<char>(0x80 | (code & 0x3f));
    }
}

// XML 1.0 §2.2 Char production.
bool is_xml_char(unsigned long code) {
    return code == 0x9 || code == 0xa || code == 0xd || (code >= 0x20 && code <= 0xd7ff) ||
           (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
}

// The text of a predefined entity or a character reference (XML 1.0 §4.1, §4.6); false for
// anything else, which RFC 6120 §11.1 forbids.
bool decode_reference(const std::string& reference, std::string& out) {
    static constexpr std::pair<std::string_view, char> predefined[] = {
        {"lt", '<'}, {"gt", '>'}, {"amp", '&'}, {"apos", '\''}, {"quot", '"'}};
    for (const auto& [name, character] : predefined) {
        if (reference == name) {
            out += character;
            return true;
        }
    }
    if (reference.size() < 2 || reference[0] != '#') return false;
    const bool hexadecimal = reference[1] == 'x';
    const std::string digits = reference.substr(hexadecimal ? 2 : 1);
    if (digits.empty()) return false;
    unsigned long code = 0;
    for (const char c : digits) {
        int digit = -1;
        if (c >= '0' && c <= '9') digit = c - '0';
        if (hexadecimal && c >= 'a' && c <= 'f') digit = c - 'a' + 10;
        if (hexadecimal && c >= 'A' && c <= 'F') digit = c - 'A' + 10;
        if (digit < 0 || digit >= (hexadecimal ? 16 : 10)) return false;
        code = code * (hexadecimal ? 16 : 10) + static_cast<unsigned long>(digit);
    }
    if (!is_xml_char(code)) return false;
    append_utf8(out, code);
    return true;
}

}  // namespace

std::string XmlElement::attribute(std::string_view qualified_name) const {
    for (const auto& [name, value] : attributes) {
        if (name == qualified_name) return value;
    }
    return {};
}

const XmlElement* XmlElement::child(std::string_view namespace_uri, std::string_view local_name) const {
    for (const auto& element : children) {
        if (element.is(namespace_uri, local_name)) return &element;
    }
    return nullptr;
}

StreamReader::StreamReader(StreamLimits limits) : m_limits(limits) {}

void StreamReader::feed(std::span<const std::uint8_t> bytes) {
    feed(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
}

void StreamReader::feed(std::string_view text) {
    // Never hold more than the limit allows to be read; one byte more makes next() say too_large.
    const std::size_t allowed = m_limits.max_bytes + 1;
    const std::size_t held = m_consumed + unread().size();
    const std::size_t room = allowed > held ? allowed - held : 0;
    m_input.append(text.substr(0, room));
}

StreamEvent StreamReader::next() {
    if (m_final) return m_event;
    while (m_position < m_input.size()) {
        step(m_input[m_position++]);
        if (m_event.kind == StreamEventKind::need_more) continue;
        if (m_final) return m_event;  // kept for the calls to come
        return std::exchange(m_event, StreamEvent{});
    }
    m_input.erase(0, m_position);
    m_position = 0;
    return {};
}

void StreamReader::stop(StreamEventKind kind, std::string error) {
    m_event = {kind, {}, one_line(error)};
    m_final = true;
}

void StreamReader::emit(StreamEventKind kind, XmlElement element) {
    m_event = {kind, std::move(element), {}};
}

void StreamReader::step(char c) {
    if (m_consumed == m_limits.max_bytes) {
        return stop(StreamEventKind::too_large, "more than " + std::to_string(m_limits.max_bytes) + " bytes");
    }
    ++m_consumed;
    // Before the stream, text is reported with an excerpt of what the server sent instead (step_text).
    if (is_forbidden_control(c) && (m_stream_seen || m_state != State::text)) {
        return stop(StreamEventKind::malformed, "the control character " + shown(c) + " is not XML");
    }
    switch (m_state) {
        case State::text:
            return step_text(c);
        case State::markup:
            return step_markup(c);
        case State::start_name:
        case State::in_tag:
        case State::attribute_name:
        case State::before_equals:
        case State::before_value:
        case State::value:
        case State::after_value:
        case State::empty_close:
            return step_tag(c);
        case State::end_name:
        case State::after_end_name:
            return step_end_tag(c);
        case State::declaration:
        case State::cdata_open:
        case State::cdata:
            return step_special(c);
        case State::reference:
            if (c == ';') return end_reference();
            if (m_reference.size() == max_reference) {
                return stop(StreamEventKind::malformed, "an unterminated reference &" + m_reference);
            }
            m_reference += c;
            return;
    }
}

void StreamReader::step_text(char c) {
    if (c == '<') {
        m_state = State::markup;
        return;
    }
    if (m_stack.size() <= 1) {
        // Between the stream's elements only whitespace may come (RFC 6120 §4.6.1 keepalives).
        if (is_space(c)) return;
        if (!m_stream_seen) {
            const auto rest = std::string_view(m_input).substr(m_position - 1);
            return stop(StreamEventKind::malformed, "not an XML stream: the server sent " + excerpt_of(rest));
        }
        return stop(StreamEventKind::malformed, "text outside any element at the stream level");
    }
    if (c == '&') return start_reference(State::text);
    m_stack.back().element.text += c;
}

void StreamReader::step_markup(char c) {
    if (c == '/') {
        m_state = State::end_name;
        m_name.clear();
    } else if (c == '?') {
        if (m_stream_seen) {
            return stop(StreamEventKind::malformed, "a processing instruction (RFC 6120 §11.1 forbids them)");
        }
        m_state = State::declaration;
        m_special.clear();
    } else if (c == '!') {
        m_state = State::cdata_open;
        m_special.clear();
    } else if (is_name_start(c)) {
        m_state = State::start_name;
        m_name.assign(1, c);
        m_attributes.clear();
    } else {
        stop(StreamEventKind::malformed, "'<' followed by " + shown(c) + " starts no tag");
    }
}

void StreamReader::step_tag(char c) {
    const auto unexpected = [&](const std::string& where) {
        stop(StreamEventKind::malformed, shown(c) + " " + where + " in the tag <" + m_name);
    };
    switch (m_state) {
        case State::start_name:
            if (is_name_char(c)) {
                m_name += c;
            } else if (is_space(c)) {
                m_state = State::in_tag;
            } else if (!ends_start_tag(c)) {
                unexpected("after the name");
            }
            return;
        case State::in_tag:
            if (is_space(c) || ends_start_tag(c)) return;
            if (is_name_start(c)) {
                m_state = State::attribute_name;
                m_attribute_name.assign(1, c);
            } else {
                unexpected("where an attribute should start");
            }
            return;
        case State::attribute_name:
            if (is_name_char(c)) {
                m_attribute_name += c;
            } else if (is_space(c)) {
                m_state = State::before_equals;
            } else if (c == '=') {
                m_state = State::before_value;
            } else {
                unexpected("in the attribute name " + m_attribute_name);
            }
            return;
        case State::before_equals:
            if (is_space(c)) return;
            if (c == '=') {
                m_state = State::before_value;
            } else {
                unexpected("where '=' should follow the attribute name " + m_attribute_name);
            }
            return;
        case State::before_value:
            if (is_space(c)) return;
            if (c == '\'' || c == '"') {
                m_quote = c;
                m_value.clear();
                m_state = State::value;
            } else {
                unexpected("where the quoted value of " + m_attribute_name + " should start");
            }
            return;
        case State::value:
            if (c == m_quote) {
                m_attributes.emplace_back(m_attribute_name, m_value);
                m_state = State::after_value;
            } else if (c == '<') {
                unexpected("in the value of " + m_attribute_name);
            } else if (c == '&') {
                start_reference(State::value);
            } else {
                m_value += is_space(c) ? ' ' : c;  // XML 1.0 §3.3.3 attribute-value normalisation
            }
            return;
        case State::after_value:
            if (is_space(c)) {
                m_state = State::in_tag;
            } else if (!ends_start_tag(c)) {
                unexpected("right after the value of " + m_attribute_name);
            }
            return;
        case State::empty_close:
            if (c == '>') {
                open_element(true);
            } else {
                unexpected("after '/'");
            }
            return;
        default:
            return;
    }
}

// '/' or '>' end a start tag wherever another attribute could start.
bool StreamReader::ends_start_tag(char c) {
    if (c == '/') {
        m_state = State::empty_close;
        return true;
    }
    if (c == '>') {
        open_element(false);
        return true;
    }
    return false;
}

void StreamReader::step_end_tag(char c) {
    if (m_state == State::end_name) {
        if (m_name.empty() ? is_name_start(c) : is_name_char(c)) {
            m_name += c;
            return;
        }
        if (!m_name.empty() && is_space(c)) {
            m_state = State::after_end_name;
            return;
        }
    } else if (is_space(c)) {
        return;
    }
    if (c == '>' && !m_name.empty()) return close_element(m_name);
    stop(StreamEventKind::malformed, shown(c) + " in the end tag </" + m_name);
}

void StreamReader::step_special(char c) {
    if (m_state == State::declaration) {
        m_special += c;
        if (!m_special.ends_with("?>")) return;
        // Only the XML declaration, <?xml …?>, before the stream (RFC 6120 §11.1, §11.5).
        if (!m_special.starts_with("xml") || m_special.size() < 5 || !(is_space(m_special[3]) || m_special[3] == '?')) {
            return stop(StreamEventKind::malformed,
                        "a processing instruction other than the XML declaration (RFC 6120 §11.1 forbids them)");
        }
        m_state = State::text;
        return;
    }
    if (m_state == State::cdata_open) {
        static constexpr std::string_view opening = "[CDATA[";
        m_special += c;
        if (opening.starts_with(m_special)) {
            if (m_special.size() < opening.size()) return;
            if (m_stack.size() <= 1) return stop(StreamEventKind::malformed, "a CDATA section outside any element");
            m_state = State::cdata;
            m_special.clear();
            return;
        }
        const char* what = m_special[0] == '-'   ? "a comment"
                           : m_special[0] == 'D' ? "a document type declaration"
                                                 : "<! markup";
        return stop(StreamEventKind::malformed, std::string(what) + " (RFC 6120 §11.1 forbids them)");
    }
    // In a CDATA section: everything is text until "]]>".
    if (c == '>' && m_special.ends_with("]]")) {
        m_special.resize(m_special.size() - 2);
        m_stack.back().element.text += m_special;
        m_state = State::text;
        return;
    }
    m_special += c;
}

void StreamReader::start_reference(State back) {
    m_after_reference = back;
    m_reference.clear();
    m_state = State::reference;
}

void StreamReader::end_reference() {
    std::string& target = m_after_reference == State::value ? m_value : m_stack.back().element.text;
    if (!decode_reference(m_reference, target)) {
        return stop(StreamEventKind::malformed,
                    "the reference &" + m_reference + "; (RFC 6120 §11.1 allows only the predefined entities)");
    }
    m_state = m_after_reference;
}

bool StreamReader::split_name(const std::string& qualified, std::string& prefix, std::string& local) {
    const auto colon = qualified.find(':');
    if (colon == std::string::npos) {
        prefix.clear();
        local = qualified;
        return true;
    }
    prefix = qualified.substr(0, colon);
    local = qualified.substr(colon + 1);
    return !prefix.empty() && !local.empty() && local.find(':') == std::string::npos;
}

std::string StreamReader::resolve(const std::string& prefix, const Frame& frame) const {
    if (prefix == "xml") return std::string(xml_namespace);
    const auto declared = [&](const Frame& scope) -> const std::string* {
        for (const auto& [name, uri] : scope.namespaces) {
            if (name == prefix) return &uri;
        }
        return nullptr;
    };
    if (const auto* uri = declared(frame)) return *uri;
    for (auto scope = m_stack.rbegin(); scope != m_stack.rend(); ++scope) {
        if (const auto* uri = declared(*scope)) return *uri;
    }
    return {};
}

void StreamReader::open_element(bool empty) {
    m_state = State::text;
    Frame frame;
    XmlElement& element = frame.element;
    if (!split_name(m_name, element.prefix, element.name)) {
        return stop(StreamEventKind::malformed, "<" + m_name + "> is not a qualified name");
    }
    for (const auto& [name, value] : m_attributes) {
        if (name == "xmlns") frame.namespaces.emplace_back("", value);
        if (name.starts_with("xmlns:")) frame.namespaces.emplace_back(name.substr(6), value);
    }
    element.attributes = std::move(m_attributes);
    m_attributes.clear();
    element.ns = resolve(element.prefix, frame);

    if (m_stack.empty()) {
        // RFC 6120 §4.2: the first element is the stream header, in the streams namespace.
        if (!element.is(streams_namespace, "stream")) {
            return stop(StreamEventKind::malformed, "expected <stream:stream>, got <" + m_name + ">");
        }
        if (empty) return stop(StreamEventKind::malformed, "an empty stream, <" + m_name + "/>");
        m_stream_seen = true;
        emit(StreamEventKind::stream_opened, element);
        m_stack.push_back(std::move(frame));
        return;
    }
    if (m_stack.size() == m_limits.max_depth) {
        return stop(StreamEventKind::too_large,
                    "elements nested deeper than " + std::to_string(m_limits.max_depth) + " (at <" + m_name + ">)");
    }
    m_stack.push_back(std::move(frame));
    if (empty) close_element(m_name);
}

void StreamReader::close_element(const std::string& qualified_name) {
    m_state = State::text;
    if (m_stack.empty()) return stop(StreamEventKind::malformed, "</" + qualified_name + "> closes nothing");
    if (m_stack.back().element.qualified_name() != qualified_name) {
        return stop(StreamEventKind::malformed,
                    "</" + qualified_name + "> closes <" + m_stack.back().element.qualified_name() + ">");
    }
    XmlElement element = std::move(m_stack.back().element);
    m_stack.pop_back();
    if (m_stack.empty()) {
        emit(StreamEventKind::stream_closed);
        m_final = true;
    } else if (m_stack.size() == 1) {
        emit(StreamEventKind::element, std::move(element));
    } else {
        m_stack.back().element.children.push_back(std::move(element));
    }
}

}  // namespace mra::probe::xmpp
