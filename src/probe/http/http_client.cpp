#include "probe/http/http_client.hpp"

#include <botan/mem_ops.h>
#include <curl/curl.h>

#include <algorithm>
#include <mutex>

#include "probe/http/url.hpp"
#include "util/text.hpp"
#include "util/time.hpp"

namespace mra::probe::http {
namespace {

void global_init() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct Body {
    std::string bytes;
    std::size_t limit = 0;
    bool overflowed = false;
};

std::size_t append_body(char* data, std::size_t size, std::size_t count, void* user) {
    auto& body = *static_cast<Body*>(user);
    const std::size_t length = size * count;
    if (body.bytes.size() + length > body.limit) {
        body.overflowed = true;
        return 0;  // curl stops the transfer with CURLE_WRITE_ERROR
    }
    body.bytes.append(data, length);
    return length;
}

std::string header(CURL* curl, const char* name) {
    struct curl_header* found = nullptr;
    if (curl_easy_header(curl, name, 0, CURLH_HEADER, -1, &found) != CURLHE_OK || !found) return {};
    return found->value;
}

// realm="Cisco-Edge" out of a WWW-Authenticate value.
std::string realm_of(const std::string& challenge) {
    const auto at = lower_case(challenge).find("realm=");
    if (at == std::string::npos) return {};
    std::string rest = challenge.substr(at + 6);
    if (!rest.empty() && rest.front() == '"') {
        const auto end = rest.find('"', 1);
        return rest.substr(1, end == std::string::npos ? std::string::npos : end - 1);
    }
    return rest.substr(0, rest.find_first_of(", "));
}

// The auth-schemes of a WWW-Authenticate value (RFC 7235 §4.1: a comma-separated list of challenges,
// each `auth-scheme [ token68 / #auth-param ]`): every comma-separated piece outside quotes that does
// not start with an auth-param (`name=`) starts a challenge.
void add_schemes(const std::string& value, std::vector<std::string>& schemes) {
    std::vector<std::string> pieces(1);
    bool quoted = false;
    for (std::size_t i = 0; i < value.size(); ++i) {
        const char c = value[i];
        if (c == '"' && (i == 0 || value[i - 1] != '\\')) quoted = !quoted;
        if (c == ',' && !quoted)
            pieces.emplace_back();
        else
            pieces.back() += c;
    }
    for (const auto& piece : pieces) {
        const auto first = piece.find_first_not_of(" \t");
        if (first == std::string::npos) continue;
        const auto end = std::min(piece.find_first_of(" \t=", first), piece.size());
        const auto after = piece.find_first_not_of(" \t", end);
        if (after != std::string::npos && piece[after] == '=') continue;  // an auth-param of the challenge before
        schemes.push_back(piece.substr(first, end - first));
    }
}

std::vector<std::string> auth_schemes(CURL* curl) {
    std::vector<std::string> schemes;
    struct curl_header* found = nullptr;
    if (curl_easy_header(curl, "WWW-Authenticate", 0, CURLH_HEADER, -1, &found) != CURLHE_OK || !found) return schemes;
    const std::size_t amount = std::min<std::size_t>(found->amount, facts::max_listed);
    for (std::size_t index = 0; index < amount; ++index)
        if (curl_easy_header(curl, "WWW-Authenticate", index, CURLH_HEADER, -1, &found) == CURLHE_OK && found)
            add_schemes(found->value, schemes);
    if (schemes.size() > facts::max_listed) schemes.resize(facts::max_listed);
    return schemes;
}

facts::HttpOutcome outcome_of(CURLcode code, bool overflowed) {
    switch (code) {
        case CURLE_OK:
            return facts::HttpOutcome::response;
        case CURLE_OPERATION_TIMEDOUT:
            return facts::HttpOutcome::timeout;
        case CURLE_COULDNT_RESOLVE_HOST:
        case CURLE_COULDNT_CONNECT:
            return facts::HttpOutcome::connect_failed;
        case CURLE_PEER_FAILED_VERIFICATION:
        case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
            return facts::HttpOutcome::untrusted;
        case CURLE_SSL_CONNECT_ERROR:
        case CURLE_SSL_CERTPROBLEM:
        case CURLE_SSL_CIPHER:
        case CURLE_SSL_CACERT_BADFILE:
        case CURLE_SSL_ISSUER_ERROR:
        case CURLE_SSL_CRL_BADFILE:
            return facts::HttpOutcome::tls_failure;
        case CURLE_FILESIZE_EXCEEDED:
            return facts::HttpOutcome::too_large;
        case CURLE_WRITE_ERROR:
            return overflowed ? facts::HttpOutcome::too_large : facts::HttpOutcome::protocol_error;
        default:
            return facts::HttpOutcome::protocol_error;
    }
}

// libcurl's words, in the report's, for what an edge that does not speak HTTP or never ends its
// headers makes it say (curl 7.88: "Received HTTP/0.9 when not allowed", "Too large response
// headers: 307214 > 307200", its MAX_HTTP_RESP_HEADER_SIZE).
void translate(CURLcode code, facts::HttpExchange& exchange) {
    if (code == CURLE_UNSUPPORTED_PROTOCOL && exchange.error.find("HTTP/0.9") != std::string::npos) {
        exchange.error = "the answer does not start with an HTTP status line";
    } else if (code == CURLE_RECV_ERROR && exchange.error.starts_with("Too large response headers")) {
        exchange.outcome = facts::HttpOutcome::too_large;
        exchange.error = "the header section exceeds libcurl's bound of 300 KiB";
    }
}

std::string bracketed(const std::string& address) {
    return address.find(':') == std::string::npos ? address : "[" + address + "]";
}

}  // namespace

Credentials::~Credentials() {
    Botan::secure_scrub_memory(password.data(), password.size());
}

struct HttpClient::Handle {
    CURL* curl = nullptr;
    curl_slist* resolve = nullptr;
    char error[CURL_ERROR_SIZE] = {};
    ~Handle() {
        if (curl) curl_easy_cleanup(curl);
        curl_slist_free_all(resolve);
    }
};

HttpClient::HttpClient(Origin origin, const EdgeTrust& trust, const Credentials& credentials, Limits limits)
    : m_handle(std::make_unique<Handle>()), m_origin(std::move(origin)), m_limits(limits), m_credentials(credentials) {
    global_init();
    CURL* curl = m_handle->curl = curl_easy_init();
    if (!curl) return;  // get() reports it

    // The addresses our resolver found, so that curl never asks the system's.
    std::string addresses;
    for (const auto& address : m_origin.addresses) addresses += (addresses.empty() ? "" : ",") + bracketed(address);
    if (!addresses.empty()) {
        const std::string entry = m_origin.host + ":" + std::to_string(m_origin.port) + ":" + addresses;
        m_handle->resolve = curl_slist_append(nullptr, entry.c_str());
        curl_easy_setopt(curl, CURLOPT_RESOLVE, m_handle->resolve);
    }
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, m_handle->error);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "https");
    curl_easy_setopt(curl, CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_1_1));
    curl_easy_setopt(curl, CURLOPT_USERAGENT, "mra-preflight/" MRA_VERSION);
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(curl, CURLOPT_COOKIEFILE, "");  // the cookie engine: X-Auth comes back
    curl_easy_setopt(curl, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(m_limits.max_body));

    // TLS 1.2 at least. Security level 0 lets an MD5-signed or small-key certificate through the
    // handshake: judging it is the cert.* checks' job, and trust (CA or pin) is still verified.
    curl_easy_setopt(curl, CURLOPT_SSLVERSION, static_cast<long>(CURL_SSLVERSION_TLSv1_2));
    curl_easy_setopt(curl, CURLOPT_SSL_CIPHER_LIST, "DEFAULT:@SECLEVEL=0");
    if (!trust.ca_bundle.empty()) curl_easy_setopt(curl, CURLOPT_CAINFO, trust.ca_bundle.c_str());
    const bool verify = !trust.insecure && trust.pins.empty();
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, verify ? 1L : 0L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, verify ? 2L : 0L);
    if (!trust.pins.empty()) {
        std::string pins;
        for (const auto& pin : trust.pins) pins += (pins.empty() ? "sha256//" : ";sha256//") + pin;
        curl_easy_setopt(curl, CURLOPT_PINNEDPUBLICKEY, pins.c_str());
    }

    curl_easy_setopt(curl, CURLOPT_HTTPAUTH, static_cast<long>(CURLAUTH_BASIC));
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, append_body);
}

HttpClient::~HttpClient() = default;

std::vector<std::string> HttpClient::response_headers() const {
    std::vector<std::string> headers;
    if (!m_handle->curl) return headers;
    struct curl_header* previous = nullptr;
    while (headers.size() < facts::max_listed) {
        struct curl_header* next = curl_easy_nextheader(m_handle->curl, CURLH_HEADER, -1, previous);
        if (!next) break;
        headers.push_back(std::string(next->name) + ": " + next->value);
        previous = next;
    }
    return headers;
}

bool HttpClient::has_session_cookie() const {
    curl_slist* cookies = nullptr;
    if (!m_handle->curl || curl_easy_getinfo(m_handle->curl, CURLINFO_COOKIELIST, &cookies) != CURLE_OK) return false;
    bool found = false;
    // Netscape format: domain, subdomains, path, secure, expiry, name, value — tab-separated.
    for (const curl_slist* cookie = cookies; cookie && !found; cookie = cookie->next) {
        std::string_view line = cookie->data;
        for (int field = 0; field < 5 && line.find('\t') != std::string_view::npos; ++field)
            line.remove_prefix(line.find('\t') + 1);
        found = line.substr(0, line.find('\t')) == "X-Auth";
    }
    curl_slist_free_all(cookies);
    return found;
}

std::string HttpClient::get(facts::HttpExchange& exchange, const Deadline& deadline, Present present) {
    CURL* curl = m_handle->curl;
    if (!curl) {
        exchange.outcome = facts::HttpOutcome::protocol_error;
        exchange.error = "libcurl could not create a handle";
        return {};
    }
    const std::string base = "https://" + m_origin.host + ":" + std::to_string(m_origin.port);
    const auto own = parse_url(base + "/");
    const std::string own_origin = own ? own->origin() : base;
    const auto started = Deadline::Clock::now();
    std::string path = exchange.path;
    // Basic goes preemptively (CURLAUTH_BASIC alone) when asked for, or when no cookie can stand in.
    exchange.credentials_sent =
        present == Present::credentials || (present == Present::session && !has_session_cookie());
    curl_easy_setopt(curl, CURLOPT_USERNAME, exchange.credentials_sent ? m_credentials.user.c_str() : nullptr);
    curl_easy_setopt(curl, CURLOPT_PASSWORD, exchange.credentials_sent ? m_credentials.password.c_str() : nullptr);
    for (int redirects = 0;; ++redirects) {
        const Deadline limit = deadline.within(m_limits.request_time);
        if (limit.expired()) {
            exchange.outcome = facts::HttpOutcome::timeout;
            exchange.error = "no time left in the run for this request";
            return {};
        }
        Body body{.limit = m_limits.max_body};
        const std::string url = base + path;
        m_handle->error[0] = '\0';
        curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
        curl_easy_setopt(curl, CURLOPT_WRITEDATA, &body);
        curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(std::max<long>(1, limit.remaining().count())));
        curl_easy_setopt(
            curl, CURLOPT_CONNECTTIMEOUT_MS,
            static_cast<long>(std::max<long>(1, std::min(limit.remaining(), m_limits.connect_time).count())));
        if (exchange.credentials_sent) ++m_presentations;
        const CURLcode code = curl_easy_perform(curl);
        exchange.elapsed_ms = milliseconds_since(started);

        long status = 0;
        curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
        exchange.status = static_cast<int>(status);
        if (status > 0) {
            exchange.received_at = unix_now();
            exchange.date = header(curl, "Date");
            exchange.content_type = header(curl, "Content-Type");
            exchange.realm = realm_of(header(curl, "WWW-Authenticate"));
            exchange.auth_schemes = auth_schemes(curl);
            exchange.location = header(curl, "Location");
        }
        exchange.outcome = outcome_of(code, body.overflowed);
        if (code != CURLE_OK) {
            exchange.error = m_handle->error[0] ? std::string(m_handle->error) : curl_easy_strerror(code);
            if (exchange.outcome == facts::HttpOutcome::too_large)
                exchange.error = "the body exceeds " + std::to_string(m_limits.max_body / 1024) + " KiB";
            else if (exchange.outcome == facts::HttpOutcome::timeout)
                exchange.error = "no complete response within " +
                                 std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(
                                                    Deadline::Clock::now() - started)
                                                    .count()) +
                                 " ms (" + exchange.error + ")";
            translate(code, exchange);
            return {};
        }
        exchange.body_bytes = static_cast<std::int64_t>(body.bytes.size());
        if (status < 300 || status >= 400 || exchange.location.empty()) return std::move(body.bytes);

        char* target = nullptr;
        curl_easy_getinfo(curl, CURLINFO_REDIRECT_URL, &target);
        const std::string next = target ? target : exchange.location;
        const auto parsed = parse_url(next);
        if (!parsed || parsed->origin() != own_origin) {
            exchange.outcome = facts::HttpOutcome::redirect_refused;
            exchange.error = "redirected (" + std::to_string(status) + ") to " + next +
                             ", another origin: not followed, the credentials stay with the edge";
            return {};
        }
        if (redirects >= m_limits.same_origin_redirects) {
            exchange.outcome = facts::HttpOutcome::redirect_refused;
            exchange.error = "more than " + std::to_string(m_limits.same_origin_redirects) + " redirects";
            return {};
        }
        path = parsed->path;
    }
}

}  // namespace mra::probe::http
