#include "probe/http/edge_walk.hpp"

#include <algorithm>
#include <functional>
#include <set>

#include "probe/http/url.hpp"
#include "probe/http/xml_responses.hpp"
#include "util/text.hpp"

namespace mra::probe::http {
namespace {

using Parser = std::function<std::string(std::string_view body)>;

// A type that cannot be an XML document: a web page or JSON answered in its place. Absent, XML and
// the generic types that file servers use for any file are accepted.
bool foreign_content_type(const std::string& content_type) {
    const std::string type = lower_case(content_type.substr(0, content_type.find(';')));
    return !type.empty() && type.find("xml") == std::string::npos && type != "application/octet-stream" &&
           type != "text/plain";
}

void mark_not_sent(facts::HttpExchange& exchange, const std::string& resource, const std::string& reason) {
    exchange.resource = resource;
    exchange.outcome = facts::HttpOutcome::not_sent;
    exchange.error = reason;
}

// Why a step that needed `exchange` was not taken: "needs cucm-uds/clusterUser, which answered 404".
std::string needs(const std::string& what, const facts::HttpExchange& exchange) {
    std::string why;
    if (exchange.outcome == facts::HttpOutcome::not_sent)
        why = "was not asked";
    else if (exchange.outcome != facts::HttpOutcome::response)
        why = "did not come back";
    else if (exchange.status != 200)
        why = "answered " + std::to_string(exchange.status);
    else if (!exchange.xml_error.empty())
        why = "was unusable";
    else
        why = "did not give it";
    return "needs " + what + " from " + exchange.resource + ", which " + why;
}

constexpr const char* without_config = "needs a getEdgeConfigResponse, which get_edge_config did not give";

class Walk {
public:
    Walk(const facts::TlsEndpoint& edge, const std::string& domain, const WalkRequest& request,
         const Deadline& deadline)
        : m_domain(domain),
          m_user(percent_encode(request.credentials->user)),
          m_request(request),
          m_deadline(deadline),
          m_client({edge.host, edge.port, {edge.address}}, *request.trust, *request.credentials, request.limits) {
        m_session.host = edge.host;
        m_session.port = edge.port;
        m_session.address = edge.address;
    }

    facts::EdgeSession run() {
        edge_sso();
        edge_config();
        discovery();
        home_cluster();
        tftp();
        m_session.credential_presentations = m_client.credential_presentations();
        m_session.session_cookie = m_client.has_session_cookie();
        return std::move(m_session);
    }

private:
    // GET, then judge the body with `parser` when the answer is 200.
    void fetch(facts::HttpExchange& exchange, Present present, const Parser& parser) {
        const std::string body = m_client.get(exchange, m_deadline, present);
        if (exchange.outcome != facts::HttpOutcome::response || exchange.status != 200) return;
        if (foreign_content_type(exchange.content_type))
            exchange.xml_error = "the Content-Type is " + exchange.content_type + ", not XML";
        else
            exchange.xml_error = parser(body);
    }

    void tunnelled(facts::HttpExchange& exchange, const std::string& resource, const Url& target, const Parser& parser,
                   Present present = Present::session) {
        exchange.resource = resource;
        exchange.tunnel = target.origin();
        std::string path = target.path;
        if (!path.empty() && path.front() == '/') path.erase(0, 1);
        exchange.path = tunnel_path(m_domain, target.scheme, target.host, target.port, path, m_request.alphabet);
        fetch(exchange, present, parser);
    }

    // Jabber's first request, the OAuth/SSO discovery, without credentials. No published response
    // body is known: it is kept as it came (bounded), and only its status and challenges are read.
    void edge_sso() {
        auto& sso = m_session.sso;
        sso.exchange.resource = "get_edge_sso";
        sso.exchange.path = edge_sso_path(m_domain, m_user + "@" + percent_encode(m_domain), m_request.alphabet);
        // Bounded apart, to 4 s or a quarter of what is left: an edge that stalls here still gets its
        // get_edge_config within the run, and that request names the fault.
        const Deadline bounded =
            m_deadline.within(std::min<std::chrono::milliseconds>(std::chrono::seconds(4), m_deadline.remaining() / 4));
        const std::string body = m_client.get(sso.exchange, bounded, Present::nothing);
        if (sso.exchange.outcome != facts::HttpOutcome::response) return;
        for (const auto& header : m_client.response_headers()) {
            // A cookie's value is a session credential: its name only.
            if (lower_case(header).starts_with("set-cookie:"))
                sso.headers.push_back(header.substr(0, header.find('=')) + "=(value withheld)");
            else
                sso.headers.push_back(printable_utf8(header));
        }
        constexpr std::size_t kept = 4096;
        sso.body_cut = body.size() > kept;
        sso.body = printable_utf8(std::string_view(body).substr(0, kept));
    }

    // The edge configuration, with the user's credentials.
    void edge_config() {
        auto& exchange = m_session.edge_config;
        exchange.resource = "get_edge_config";
        exchange.path = edge_config_path(m_domain, m_request.alphabet);
        facts::EdgeConfig config;
        fetch(exchange, Present::credentials, [&](std::string_view body) { return parse_edge_config(body, config); });
        if (exchange.answered()) m_session.config = std::move(config);
    }

    static Url uds_at(const std::string& host, std::uint16_t port, const std::string& path) {
        return Url{
            .scheme = "https", .host = lower_case(host), .port = port ? port : std::uint16_t{8443}, .path = path};
    }

    // version and clusterUser, of a _cisco-uds server from get_edge_config as Jabber asks them (then
    // of userUdsServer when _cisco-uds has none): asking the home cluster Expressway-C already chose
    // would hide the multi-cluster failure clusterUser exists to find.
    void discovery() {
        auto& uds = m_session.uds;
        const auto skip = [&](const std::string& reason) {
            mark_not_sent(uds.version, "cucm-uds/version", reason);
            mark_not_sent(uds.cluster_user, "cucm-uds/clusterUser", reason);
        };
        if (!m_session.config) return skip(without_config);
        std::optional<Url> server;
        for (const auto& service : m_session.config->services) {
            if (service.name != "_cisco-uds") continue;
            std::vector<facts::SrvRecord> records;
            for (const auto& record : service.servers)
                if (!record.target.empty()) records.push_back(record);
            std::stable_sort(records.begin(), records.end(), [](const auto& a, const auto& b) {
                return a.priority != b.priority ? a.priority < b.priority : a.weight > b.weight;
            });
            if (!records.empty()) {
                server = uds_at(records.front().target, records.front().port, "");
                uds.discovery_source = "_cisco-uds";
            }
        }
        if (!server)
            for (const auto& candidate : m_session.config->user_uds_servers)
                if (!candidate.address.empty() && !server) {
                    server = uds_at(candidate.address, candidate.port, "");
                    uds.discovery_source = "userUdsServer";
                }
        if (!server)
            return skip(
                "needs a UDS server to ask, but get_edge_config names none (_cisco-uds has no server, "
                "userUdsServer no address)");
        uds.discovery = server->origin();
        const auto at = [&](const std::string& path) {
            Url url = *server;
            url.path = path;
            return url;
        };
        tunnelled(uds.version, "cucm-uds/version", at("cucm-uds/version"),
                  [&](std::string_view body) { return parse_uds_version(body, uds); });
        tunnelled(uds.cluster_user, "cucm-uds/clusterUser", at("cucm-uds/clusterUser?username=" + m_user),
                  [&](std::string_view body) { return parse_cluster_user(body, uds); });
    }

    // servers, the user record and the devices, of the home cluster clusterUser named. Jabber sends
    // the credentials again with the devices request (the reference call flow, step 7).
    void home_cluster() {
        auto& uds = m_session.uds;
        const std::string user_resource = "cucm-uds/user/" + m_user;
        const auto skip = [&](const std::string& reason) {
            mark_not_sent(uds.servers, "cucm-uds/servers", reason);
            mark_not_sent(uds.user, user_resource, reason);
            mark_not_sent(uds.devices, user_resource + "/devices", reason);
        };
        if (!m_session.config) return skip(without_config);
        std::optional<Url> home;
        if (uds.cluster_user.answered() && uds.user_found == true && !uds.home_cluster.empty())
            home = parse_url("https://" + uds.home_cluster + "/");
        if (home && home->port == 443 && uds.home_cluster.find(':') == std::string::npos) home->port = 8443;
        if (!home)
            return skip(uds.cluster_user.answered() && uds.user_found != true
                            ? "needs the user's home cluster, but cucm-uds/clusterUser did not find the user"
                            : needs("the user's home cluster", uds.cluster_user));
        const auto at = [&](const std::string& path) {
            Url url = *home;
            url.path = path;
            return url;
        };
        tunnelled(uds.servers, "cucm-uds/servers", at("cucm-uds/servers"),
                  [&](std::string_view body) { return parse_uds_servers(body, uds); });
        tunnelled(uds.user, user_resource, at(user_resource),
                  [&](std::string_view body) { return parse_uds_user(body, uds); });
        tunnelled(
            uds.devices, user_resource + "/devices", at(user_resource + "/devices"),
            [&](std::string_view body) { return parse_uds_devices(body, uds); }, Present::credentials);
    }

    // The softphone's configuration file: from its provision URI, as Jabber reads it.
    void device_config(const std::optional<Url>& tftp_server) {
        auto& exchange = m_session.tftp.device_config;
        const auto& uds = m_session.uds;
        if (!uds.devices.answered())
            return mark_not_sent(exchange, "device configuration", needs("the device's name", uds.devices));
        const facts::UdsDevice* softphone = facts::softphone_of(uds);
        if (!softphone)
            return mark_not_sent(exchange, "device configuration",
                                 "needs a Jabber softphone among the user's devices, and "
                                 "cucm-uds/user/<id>/devices lists none (see uds.devices)");
        const std::string file = softphone->name + ".cnf.xml";
        auto target = parse_url(softphone->provision_uri);
        if (!target && tftp_server) {
            target = tftp_server;
            target->path = file;
        }
        if (!target)
            return mark_not_sent(
                exchange, file,
                "needs a provision URI for " + softphone->name + " or a tftpServer address, and there is neither");
        tunnelled(exchange, file, *target, xml_error);
    }

    // Where the global files (jabber-config.xml, dial rules) come from: the host of the softphone's
    // provision URI, as Jabber takes it (the reference call flow, steps 8–10), then tftpServer.
    std::optional<Url> tftp_host(const std::optional<Url>& tftp_server) const {
        if (const auto* softphone = facts::softphone_of(m_session.uds))
            if (auto provision = parse_url(softphone->provision_uri)) {
                provision->path = "/";
                return provision;
            }
        return tftp_server;
    }

    // The service profile and the Jabber profile the user record names; SPDefault.cnf.xml from the
    // TFTP host only when the record names none.
    void profiles(const std::optional<Url>& host) {
        auto& tftp = m_session.tftp;
        const auto& uds = m_session.uds;
        if (!uds.user.answered()) {
            const std::string reason = needs("the user record", uds.user);
            mark_not_sent(tftp.service_profile, "service profile", reason);
            mark_not_sent(tftp.jabber_profile, "Jabber profile", reason);
            return;
        }
        if (const auto named = parse_url(uds.record.service_profile_uri)) {
            tunnelled(tftp.service_profile, file_name(*named), *named, noting(file_name(*named)));
        } else if (host) {
            Url url = *host;
            url.path = "SPDefault.cnf.xml";
            tunnelled(tftp.service_profile, "SPDefault.cnf.xml", url, noting("SPDefault.cnf.xml"));
        } else {
            mark_not_sent(tftp.service_profile, "SPDefault.cnf.xml",
                          "the user record names no service profile, and there is no TFTP host to fetch "
                          "SPDefault.cnf.xml from");
        }
        if (const auto named = parse_url(uds.record.jabber_profile_uri))
            tunnelled(tftp.jabber_profile, file_name(*named), *named, noting(file_name(*named)));
        else
            mark_not_sent(
                tftp.jabber_profile, "Jabber profile",
                uds.record.jabber_profile_uri.empty()
                    ? "the user record names no Jabber profile (CUCM 12.5 and later name one)"
                    : "the user record's Jabber profile URI is not an http(s) URL: " + uds.record.jabber_profile_uri);
    }

    static std::string file_name(const Url& url) {
        std::string path = url.path.substr(0, url.path.find('?'));
        return path.substr(path.find_last_of('/') + 1);
    }

    void tftp() {
        auto& tftp = m_session.tftp;
        const auto skip_files = [&](const std::string& reason) {
            mark_not_sent(tftp.jabber_config, "jabber-config.xml", reason);
            mark_not_sent(tftp.app_dial_rules, "CUPC/AppDialRules.xml", reason);
            mark_not_sent(tftp.directory_dial_rules, "CUPC/DirLookupDialRules.xml", reason);
        };
        if (!m_session.config) {
            mark_not_sent(tftp.device_config, "device configuration", without_config);
            mark_not_sent(tftp.service_profile, "service profile", without_config);
            mark_not_sent(tftp.jabber_profile, "Jabber profile", without_config);
            return skip_files(without_config);
        }
        std::optional<Url> server;
        for (const auto& address : m_session.config->tftp_servers)
            if (!address.empty() && !server)
                server = Url{.scheme = "http", .host = lower_case(address), .port = 6970};  // TFTP over HTTP
        device_config(server);
        const auto host = tftp_host(server);
        profiles(host);
        if (!host)
            return skip_files(
                "needs a TFTP host: the softphone's provision URI or a tftpServer address, and there is neither");
        const auto file = [&](facts::HttpExchange& exchange, const std::string& name, const Parser& parser) {
            Url url = *host;
            url.path = name;
            tunnelled(exchange, name, url, parser);
        };
        file(tftp.jabber_config, "jabber-config.xml", noting("jabber-config.xml"));
        file(tftp.app_dial_rules, "CUPC/AppDialRules.xml", xml_error);
        file(tftp.directory_dial_rules, "CUPC/DirLookupDialRules.xml", xml_error);
        probe_named_servers();
    }

    // A file's well-formedness, noting the servers it names.
    Parser noting(const std::string& source) {
        return [this, source](std::string_view body) {
            std::string error = xml_error(body);
            if (error.empty())
                for (auto& named : http::named_servers(body))
                    m_session.tftp.named_servers.push_back(
                        {.role = std::move(named.role), .named = std::move(named.named), .source = source});
            return error;
        };
    }

    // One tunnelled request to each other server the files name, for Expressway-C's HTTP allow list
    // (Cisco Expressway MRA Deployment Guide, HTTP allow list): the voicemail server's web service on
    // 443, the photo URL (its token replaced by the user), the update URL. Once per origin.
    void probe_named_servers() {
        std::set<std::string> asked;
        for (auto& server : m_session.tftp.named_servers) {
            std::string text = server.named;
            if (server.role == "voicemail") text = "https://" + text + "/";
            for (auto at = text.find("%%"); at != std::string::npos; at = text.find("%%", at)) {
                const auto end = text.find("%%", at + 2);
                if (end == std::string::npos) break;
                text.replace(at, end + 2 - at, m_user);
                at += m_user.size();
            }
            const auto url = parse_url(text);
            if (!url) {
                mark_not_sent(server.probe, server.named, "not an http(s) URL or a host name");
                continue;
            }
            if (!asked.insert(url->origin()).second) {
                mark_not_sent(server.probe, url->origin(), "asked once already for " + url->origin());
                continue;
            }
            tunnelled(server.probe, url->origin(), *url, [](std::string_view) { return std::string(); });
        }
    }

    const std::string& m_domain;
    const std::string m_user;  // percent-encoded for paths and queries
    const WalkRequest& m_request;
    const Deadline& m_deadline;
    HttpClient m_client;
    facts::EdgeSession m_session;
};

}  // namespace

facts::EdgeSession walk_edge(const facts::TlsEndpoint& edge, const std::string& domain, const WalkRequest& request,
                             const Deadline& deadline) {
    return Walk(edge, domain, request, deadline).run();
}

}  // namespace mra::probe::http
