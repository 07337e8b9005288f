// The HTML report: a self-contained page (nothing fetched, no script) that says what the JSON
// report of the same run says, findings along the client's path, chains leaf first with the
// countdowns cert.expiry counts, and hostile text that stays text. The page is well-formed XML
// by design, so it is read back here with tinyxml2; tests/report/html_in_chromium.py checks what
// a browser shows.

#include <doctest/doctest.h>
#include <tinyxml2.h>

#include <algorithm>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "report/fake_report.hpp"
#include "report/html_writer.hpp"
#include "report/real_reports.hpp"
#include "util/text.hpp"
#include "util/time.hpp"

namespace {

using tinyxml2::XMLElement;

std::string text_of(const tinyxml2::XMLNode* node) {
    std::string text;
    for (const auto* child = node->FirstChild(); child; child = child->NextSibling())
        text += child->ToText() ? std::string(child->Value()) : text_of(child);
    return text;
}

bool has_class(const XMLElement* element, std::string_view name) {
    const char* classes = element->Attribute("class");
    std::istringstream words(classes ? classes : "");
    for (std::string word; words >> word;)
        if (word == name) return true;
    return false;
}

// Every element below `root` (itself included) named `tag` ("" any) with class `css_class` ("" any).
std::vector<const XMLElement*> all(const XMLElement* root, std::string_view tag, std::string_view css_class = "") {
    std::vector<const XMLElement*> found;
    if ((tag.empty() || tag == root->Name()) && (css_class.empty() || has_class(root, css_class)))
        found.push_back(root);
    for (const auto* child = root->FirstChildElement(); child; child = child->NextSiblingElement()) {
        const auto below = all(child, tag, css_class);
        found.insert(found.end(), below.begin(), below.end());
    }
    return found;
}

const XMLElement* only(const XMLElement* root, std::string_view tag, std::string_view css_class = "") {
    const auto found = all(root, tag, css_class);
    REQUIRE_MESSAGE(found.size() == 1, tag, ".", css_class, ": ", found.size());
    return found.front();
}

std::string attribute(const XMLElement* element, const char* name) {
    const char* value = element->Attribute(name);
    return value ? value : "";
}

const XMLElement* parse(const std::string& html, tinyxml2::XMLDocument& document) {
    REQUIRE_MESSAGE(document.Parse(html.c_str()) == tinyxml2::XML_SUCCESS, document.ErrorStr());
    const XMLElement* root = document.RootElement();
    REQUIRE(std::string(root->Name()) == "html");
    return root;
}

// The stage a check's group belongs to, as the issue orders the client's path.
const std::vector<std::string> path_order = {"dns", "cert", "edge", "uds-tftp", "sip-xmpp-turn", "other"};
std::string stage_of(const std::string& id) {
    const std::string group = id.substr(0, id.find('.'));
    if (group == "dns" || group == "cert" || group == "edge") return group;
    if (group == "uds" || group == "tftp") return "uds-tftp";
    if (group == "sip" || group == "xmpp" || group == "turn") return "sip-xmpp-turn";
    return "other";
}

// Nothing that a browser would fetch or run: no script, no embedded or linked resource, no
// reference off the page.
void check_self_contained(const XMLElement* root, const std::string& html) {
    for (const char* tag : {"script", "link", "img", "iframe", "object", "embed", "base", "form", "svg"})
        CHECK_MESSAGE(all(root, tag).empty(), "<", tag, "> in the page");
    for (const XMLElement* element : all(root, "")) {
        CHECK_MESSAGE(element->Attribute("src") == nullptr, element->Name(), " has a src");
        const std::string href = attribute(element, "href");
        CHECK_MESSAGE((href.empty() || href.front() == '#'), "href=", href);
    }
    static const std::regex external(R"((src|href)\s*=\s*["']?\s*(https?:|//)|url\s*\(|@import)", std::regex::icase);
    CHECK_FALSE(std::regex_search(html, external));
    CHECK(mra::lower_case(html).find("<script") == std::string::npos);
}

// "expires in 12 days", "expired 1 day ago", … as the page words cert.expiry's days_left.
std::string countdown_of(std::int64_t days_left) {
    const std::int64_t count = days_left < 0 ? -days_left : days_left;
    const std::string days = std::to_string(count) + (count == 1 ? " day" : " days");
    if (days_left > 0) return "expires in " + days;
    if (days_left < 0) return "expired " + days + " ago";
    return "less than a day";
}

}  // namespace

TEST_CASE("html: real reports are self-contained and say what the JSON report of the same run says") {
    int countdowns = 0;
    for (const auto& report : mra::test::real_reports("html")) {
        CAPTURE(report.name);
        const std::string& html = report.outcome.out;
        const auto& json = report.json;
        CHECK(html.starts_with("<!DOCTYPE html>\n"));
        tinyxml2::XMLDocument document;
        const XMLElement* root = parse(html, document);
        check_self_contained(root, html);

        // At a glance: the verdict, score and grade, or why the score is withheld.
        const XMLElement* header = only(root, "header");
        CHECK(attribute(header, "class") == "v-" + json["status"].get<std::string>());
        const std::string verdict = text_of(only(header, "p", "verdict"));
        CHECK(verdict.find("Status " + mra::upper_case(json["status"].get<std::string>())) == 0);
        if (json["score"].is_null()) {
            CHECK(text_of(only(header, "p", "withheld")) ==
                  "The score is withheld: " + json["score_withheld_because"].get<std::string>());
        } else {
            const std::string score = std::to_string(json["score"].get<int>());
            CHECK(verdict.find("score " + score + "/100, grade " + json["grade"].get<std::string>()) !=
                  std::string::npos);
            CHECK(text_of(only(header, "div", "grade")) == json["grade"].get<std::string>());
            CHECK(text_of(only(header, "div", "score")) == score + "/100");
        }
        const std::string about = text_of(only(header, "dl"));
        for (const char* field : {"target", "profile", "evaluated_at"})
            CHECK(about.find(json[field].get<std::string>()) != std::string::npos);

        // Every finding once, in its stage, the stages in path order; the fix beside each problem.
        std::multiset<std::pair<std::string, std::string>> expected, seen;  // stage, check id
        std::map<std::string, std::string> remediation;
        for (const auto& finding : json["findings"]) {
            expected.emplace(stage_of(finding["id"]), finding["id"].get<std::string>());
            remediation[finding["id"]] = finding["remediation"];
        }
        std::size_t last = 0;
        const auto stages = all(root, "section", "stage");
        for (const XMLElement* stage : stages) {
            const std::string key = attribute(stage, "id").substr(std::string("stage-").size());
            const auto position = std::find(path_order.begin(), path_order.end(), key) - path_order.begin();
            CHECK(static_cast<std::size_t>(position) < path_order.size());
            CHECK(static_cast<std::size_t>(position) >= last);
            last = position;
            for (const XMLElement* finding : all(stage, "li", "finding")) {
                // A row stands for the findings that say the same thing about several subjects.
                const int findings = std::stoi(attribute(finding, "data-findings"));
                CHECK(findings >= 1);
                for (int i = 0; i < findings; ++i) seen.emplace(key, attribute(finding, "data-check"));
                const bool problem =
                    has_class(finding, "s-warn") || has_class(finding, "s-fail") || has_class(finding, "s-error");
                const auto fix = all(finding, "p", "fix");
                REQUIRE(fix.size() == (problem ? 1 : 0));
                if (problem) CHECK(text_of(fix.front()) == "Fix: " + remediation[attribute(finding, "data-check")]);
            }
        }
        CHECK(seen == expected);

        // Chains: the countdown of each certificate is the days_left cert.expiry judged.
        for (const auto& finding : json["findings"]) {
            if (finding["id"] != "cert.expiry" || !finding["evidence"].contains("days_left")) continue;
            static const std::regex subject(R"((?:(.+) )?(leaf|chain\[([0-9]+)\]))");
            std::smatch match;
            const std::string name = finding["subject"];
            REQUIRE(std::regex_match(name, match, subject));
            const std::string label = match[1], position = match[3].matched ? match[3].str() : "0";
            const XMLElement* chain = nullptr;
            for (const XMLElement* article : all(root, "article", "chain"))
                if (attribute(article, "data-label") == label) chain = article;
            REQUIRE_MESSAGE(chain, "no chain drawn for ", label);
            const XMLElement* certificate = nullptr;
            for (const XMLElement* item : all(chain, "li", "cert"))
                if (attribute(item, "data-position") == position) certificate = item;
            REQUIRE(certificate);
            CHECK(text_of(only(certificate, "span", "subject")) == finding["evidence"]["certificate"]);
            CHECK(text_of(only(certificate, "span", "countdown"))
                      .find(countdown_of(finding["evidence"]["days_left"].get<std::int64_t>())) != std::string::npos);
            ++countdowns;
        }

        for (const auto& error : json["errors"])
            CHECK(text_of(only(root, "section", "errors")).find(error.get<std::string>()) != std::string::npos);
    }
    CHECK(countdowns > 20);
}

namespace {

// A report with hostile text in every field a reader sees, from the target to the chains.
mra::Report hostile_report() {
    using mra::test::hostile;
    const std::string script = "<script>alert(1)</script>";
    mra::Report report = mra::test::fake_report();
    report.target = hostile + script;
    report.profile = hostile;
    report.score.reset();
    report.grade.reset();
    report.verdict = mra::Verdict::unknown;
    report.score_withheld_because = hostile;
    report.input_errors = {hostile};
    report.findings[3].result.evidence[hostile] = script;
    report.chains = {{.label = hostile,
                      .path = {{.subject = hostile + script,
                                .issuer = hostile,
                                .names = {hostile, "\" onmouseover=\"alert(2)"},
                                .sha256 = hostile,
                                .not_before = report.evaluated_at - 86400,
                                .not_after = report.evaluated_at + 86400 * 5}},
                      .trust_result = hostile},
                     {.label = "expe2.example.com:8443", .unavailable_reason = hostile}};
    return report;
}

// What the page must show for `hostile`: the same characters, with U+FFFD for the control
// character and the invalid byte.
const std::string shown = "a<b>&\"c'\\d|e\nf\xEF\xBF\xBDg\xEF\xBF\xBD";

}  // namespace

TEST_CASE("html: hostile text stays text: escaped, valid UTF-8, no markup, script or handler of its own") {
    const std::string html = mra::report::render_html(hostile_report());
    CAPTURE(html);
    tinyxml2::XMLDocument document;
    const XMLElement* root = parse(html, document);
    check_self_contained(root, html);
    CHECK(mra::valid_utf8(html) == html);
    CHECK(html.find('\x01') == std::string::npos);
    CHECK(all(root, "b").empty());
    for (const XMLElement* element : all(root, ""))
        CHECK_MESSAGE(element->Attribute("onmouseover") == nullptr, element->Name());

    CHECK(text_of(only(root, "h1")) == shown + "<script>alert(1)</script>");
    CHECK(text_of(only(root, "title")).find(shown) != std::string::npos);
    CHECK(text_of(only(root, "p", "withheld")) == "The score is withheld: " + shown);
    CHECK(text_of(only(root, "div", "grade")) == "?");
    CHECK(text_of(only(only(root, "section", "errors"), "li")) == shown);
    CHECK(text_of(only(root, "header")).find("Profile" + shown) != std::string::npos);

    const XMLElement* failed = only(root, "li", "s-fail");
    CHECK(text_of(only(failed, "span", "subject")) == "exp\"e1:8443 leaf");
    CHECK(text_of(only(failed, "span", "message")) == shown);
    const XMLElement* evidence = only(failed, "details");
    CHECK(text_of(evidence).find(shown + "<script>alert(1)</script>") != std::string::npos);  // the key, its value

    const auto chains = all(root, "article", "chain");
    REQUIRE(chains.size() == 2);
    CHECK(attribute(chains[0], "data-label") == shown);
    CHECK(text_of(only(chains[0], "h3")) == shown);
    CHECK(text_of(only(chains[0], "p", "trust")) == "Not trusted: " + shown);
    const XMLElement* leaf = only(chains[0], "li", "cert");
    CHECK(text_of(only(leaf, "span", "subject")) == shown + "<script>alert(1)</script>");
    const auto names = all(leaf, "span", "name");
    REQUIRE(names.size() == 2);
    CHECK(text_of(names[0]) == shown);
    CHECK(text_of(names[1]) == "\" onmouseover=\"alert(2)");
    CHECK(text_of(only(chains[1], "p", "trust")) == "No chain: " + shown);
}

namespace {

const mra::CheckInfo& check_info(std::string_view id) {
    static std::map<std::string_view, mra::CheckInfo> infos;
    return infos
        .try_emplace(id, mra::CheckInfo{.id = id,
                                        .summary = "What passing means.",
                                        .citation = "RFC 0000 §1",
                                        .severity = mra::Severity::major,
                                        .remediation = "Do the right thing."})
        .first->second;
}

mra::Finding finding(std::string_view id, mra::Status status) {
    return {&check_info(id), mra::Severity::major, {std::string(id) + " subject", status, std::string(id) + " said"}};
}

std::vector<std::string> texts(const std::vector<const XMLElement*>& elements) {
    std::vector<std::string> result;
    for (const XMLElement* element : elements) result.push_back(text_of(element));
    return result;
}

}  // namespace

TEST_CASE("html: findings are grouped along the client's path, problems first in each group, fixes for problems") {
    using mra::Status;
    mra::Report report = mra::test::fake_report();
    report.findings = {finding("xmpp.starttls", Status::pass),
                       finding("dns.lookup", Status::pass),
                       finding("acme.thing", Status::warn),
                       finding("tftp.device", Status::pass),
                       finding("uds.version", Status::fail),
                       finding("cert.eku", Status::pass),
                       finding("edge.config", Status::not_run),
                       finding("sip.options", Status::info),
                       finding("turn.binding", Status::not_applicable),
                       finding("uds.servers", Status::error),
                       finding("dns.srv", Status::fail)};
    const std::string html = mra::report::render_html(report);
    tinyxml2::XMLDocument document;
    const XMLElement* root = parse(html, document);

    std::vector<std::string> headings, counts;
    std::map<std::string, std::vector<std::string>> order;  // stage title → check ids as shown
    for (const XMLElement* stage : all(root, "section", "stage")) {
        const std::string title = text_of(only(stage, "h2"));
        headings.push_back(title);
        counts.push_back(text_of(only(stage, "p", "counts")));
        for (const XMLElement* item : all(stage, "li", "finding"))
            order[title].push_back(attribute(item, "data-check"));
    }
    CHECK(headings == std::vector<std::string>{"DNS", "Certificates", "Edge", "UDS/TFTP", "SIP/XMPP/TURN", "Other"});
    CHECK(counts == std::vector<std::string>{"1 fail, 1 pass", "1 pass", "1 not run", "1 fail, 1 error, 1 pass",
                                             "1 info, 1 pass, 1 not applicable", "1 warn"});
    CHECK(order["DNS"] == std::vector<std::string>{"dns.srv", "dns.lookup"});
    CHECK(order["UDS/TFTP"] == std::vector<std::string>{"uds.version", "uds.servers", "tftp.device"});
    CHECK(order["SIP/XMPP/TURN"] == std::vector<std::string>{"xmpp.starttls", "sip.options", "turn.binding"});

    // The contents list the same stages, linked within the page, then the chains.
    const auto links = all(only(root, "nav"), "a");
    CHECK(texts(links) == std::vector<std::string>{"DNS", "Certificates", "Edge", "UDS/TFTP", "SIP/XMPP/TURN",
                                                   "Other"});  // the fake report has no chains
    CHECK(attribute(links.front(), "href") == "#stage-dns");
    CHECK(text_of(only(root, "header")).find("2 fail, 1 error, 1 warn, 1 info, 4 pass, 1 not applicable, 1 not run") !=
          std::string::npos);

    // Every finding: status word and colour class, check, severity, subject, message and citation;
    // the fix and the check's summary only where something is to be done.
    const std::map<Status, std::string> words = {
        {Status::pass, "PASS"},   {Status::info, "INFO"},          {Status::warn, "WARN"},      {Status::fail, "FAIL"},
        {Status::error, "ERROR"}, {Status::not_applicable, "N/A"}, {Status::not_run, "NOT RUN"}};
    for (const auto& expected : report.findings) {
        const std::string id(expected.check->id);
        CAPTURE(id);
        const XMLElement* item = nullptr;
        for (const XMLElement* candidate : all(root, "li", "finding"))
            if (attribute(candidate, "data-check") == id) item = candidate;
        REQUIRE(item);
        CHECK(has_class(item, "s-" + std::string(mra::to_string(expected.result.status))));
        CHECK(text_of(only(item, "span", "badge")) == words.at(expected.result.status));
        CHECK(text_of(only(item, "code", "check")) == id);
        CHECK(text_of(only(item, "span", "severity")) == "major");
        CHECK(text_of(only(item, "span", "subject")) == id + " subject");
        CHECK(text_of(only(item, "span", "message")) == id + " said");
        CHECK(text_of(item).find("See RFC 0000 §1") != std::string::npos);
        const bool problem = mra::is_problem(expected.result.status);
        CHECK(texts(all(item, "p", "fix")) ==
              (problem ? std::vector<std::string>{"Fix: Do the right thing."} : std::vector<std::string>{}));
        CHECK((text_of(item).find("What passing means.") != std::string::npos) == problem);
    }
}

TEST_CASE("html: each chain is drawn leaf first, with names, issuer, expiry countdown and trust") {
    mra::Report report = mra::test::fake_report();
    const std::int64_t now = report.evaluated_at;
    const std::int64_t day = 86400;
    // The days as summarise_chains counts them from evaluated_at; the writer draws what it is given.
    report.chains = {
        {.label = "expe1.example.com:8443",
         .path = {{.subject = "CN=expe1",
                   .issuer = "CN=Issuing",
                   .names = {"expe1.example.com", "_collab-edge._tls.example.com"},
                   .not_before = now - 300 * day,
                   .not_after = now + 10 * day + 3600,
                   .days_left = 10,
                   .days_until_valid = -300},
                  {.subject = "CN=Issuing",
                   .issuer = "CN=Root",
                   .names = {"Issuing"},
                   .not_before = now - 900 * day,
                   .not_after = now - 3 * day - 60,
                   .days_left = -3,
                   .days_until_valid = -900,
                   .is_ca = true}},
         .trusted = true,
         .trust_result = "Verified",
         .anchor = "CN=Root"},
        {.label = "expe2.example.com:5061",
         .path = {{.subject = "CN=expe2",
                   .issuer = "CN=Old Root",
                   .not_before = now + 2 * day + 5,
                   .not_after = now + 400 * day,
                   .days_left = 400,
                   .days_until_valid = 2},
                  {.subject = "CN=Old Root",
                   .issuer = "CN=Old Root",
                   .not_before = now - 3000 * day,
                   .not_after = now + day + 1,
                   .days_left = 1,
                   .days_until_valid = -3000,
                   .is_ca = true}},
         .trust_result = "Certificate is not yet valid"},
        {.label = "",
         .path = {{.subject = "CN=self",
                   .issuer = "CN=self",
                   .not_before = now - day,
                   .not_after = now - 100,
                   .days_left = 0,
                   .days_until_valid = -1}}},
        {.label = "expe3.example.com:8443", .unavailable_reason = "TLS to expe3.example.com:8443 failed: refused"},
    };
    const std::string html = mra::report::render_html(report);
    tinyxml2::XMLDocument document;
    const XMLElement* root = parse(html, document);
    const auto chains = all(root, "article", "chain");
    REQUIRE(chains.size() == 4);

    struct Drawn {
        std::string role, subject, countdown;
    };
    auto drawn = [](const XMLElement* chain) {
        std::vector<Drawn> result;
        for (const XMLElement* item : all(chain, "li", "cert")) {
            const auto countdown = all(item, "span", "countdown");
            result.push_back({text_of(only(item, "div", "role")), text_of(only(item, "span", "subject")),
                              countdown.empty() ? "" : text_of(countdown.front())});
        }
        return result;
    };

    CHECK(text_of(only(chains[0], "h3")) == "expe1.example.com:8443");
    CHECK(has_class(chains[0], "trusted"));
    CHECK(text_of(only(chains[0], "p", "trust")) == "Trusted: Verified");
    auto path = drawn(chains[0]);
    REQUIRE(path.size() == 3);  // the anchor ends the drawing: the server did not send it
    CHECK(path[0].role == "Leaf");
    CHECK(path[0].subject == "CN=expe1");
    CHECK(path[0].countdown == "expires in 10 days");
    CHECK(path[1].role == "Intermediate CA");
    CHECK(path[1].subject == "CN=Issuing");
    CHECK(path[1].countdown == "expired 3 days ago");
    CHECK(path[2].role == "Root CA (trust anchor, from the trust store)");
    CHECK(path[2].subject == "CN=Root");
    const std::string leaf = text_of(all(chains[0], "li", "cert").front());
    CHECK(leaf.find("Namesexpe1.example.com, _collab-edge._tls.example.com") != std::string::npos);
    CHECK(leaf.find("IssuerCN=Issuing") != std::string::npos);
    CHECK(leaf.find("Not after" + mra::date_only(now + 10 * day + 3600) + ", expires in 10 days") != std::string::npos);

    CHECK(has_class(chains[1], "untrusted"));
    CHECK(text_of(only(chains[1], "p", "trust")) == "Not trusted: Certificate is not yet valid");
    path = drawn(chains[1]);
    REQUIRE(path.size() == 2);  // no anchor when there is no trust
    CHECK(path[0].countdown == "not valid before " + mra::date_only(now + 2 * day + 5) + ", in 2 days");
    CHECK(path[1].role == "Root CA");
    CHECK(path[1].countdown == "expires in 1 day");

    CHECK(text_of(only(chains[2], "h3")) == report.target);  // the `cert` command's own chain
    path = drawn(chains[2]);
    REQUIRE(path.size() == 1);
    CHECK(path[0].role == "Leaf (self-signed)");
    CHECK(path[0].countdown == "expired less than a day ago");

    CHECK(has_class(chains[3], "unavailable"));
    CHECK(all(chains[3], "li").empty());
    CHECK(text_of(only(chains[3], "p", "trust")) == "No chain: TLS to expe3.example.com:8443 failed: refused");

    const XMLElement* contents = all(only(root, "nav"), "li").back();
    CHECK(text_of(only(contents, "a")) == "Certificate chains");
    CHECK(attribute(only(contents, "a"), "href") == "#chains");
    CHECK(text_of(only(contents, "span", "counts")) == "4 judged");
}

TEST_CASE("html: what changed since the previous run, escaped, before the findings") {
    mra::Report report = mra::test::fake_report();
    CHECK(mra::report::render_html(report).find("What changed") == std::string::npos);  // no history, no section
    mra::Changes changes;
    changes.since_run = 7;
    changes.before = {mra::Verdict::ok, 100, "A"};
    changes.after = {mra::Verdict::critical, 60, "F"};
    changes.new_problems.push_back({"edge.clock", "expe1.example.com:8443", mra::Status::pass, mra::Status::fail,
                                    mra::Severity::major, "clock <skewed> & late"});
    report.changes = changes;
    const std::string html = mra::report::render_html(report);
    const auto section = html.find("<h2>What changed</h2>");
    REQUIRE(section != std::string::npos);
    CHECK(section < html.find("<section class=\"stage\""));
    CHECK(html.find("(run 7): status OK → CRITICAL") != std::string::npos);
    CHECK(
        html.find("new problem  PASS → FAIL  edge.clock  expe1.example.com:8443: clock &lt;skewed&gt; &amp; late\n") !=
        std::string::npos);
}

TEST_CASE("html: findings that say the same about several subjects are one row listing them") {
    using mra::Status;
    mra::Report report = mra::test::fake_report();
    report.findings = {finding("cert.signature-hash", Status::fail), finding("cert.signature-hash", Status::fail),
                       finding("cert.signature-hash", Status::fail), finding("dns.lookup", Status::pass)};
    report.findings[0].result.subject = {"expe1:8443", "chain"};
    report.findings[1].result.subject = {"expe2:8443", "chain"};
    report.findings[2].result.subject = {"expe3:8443", "chain"};
    report.findings[2].result.evidence = {{"elapsed_ms", 7}};
    const std::string html = mra::report::render_html(report);
    tinyxml2::XMLDocument document;
    REQUIRE(document.Parse(html.c_str()) == tinyxml2::XML_SUCCESS);
    const auto rows = all(document.RootElement(), "li", "finding");
    REQUIRE(rows.size() == 2);  // DNS first, along the client's path
    CHECK(attribute(rows.front(), "data-findings") == "1");
    CHECK(attribute(rows.back(), "data-findings") == "3");
    CHECK(text_of(only(rows.back(), "span", "subject")) == "chain of expe1:8443, expe2:8443, expe3:8443");
    CHECK(texts(all(rows.back(), "h3")) == std::vector<std::string>{"expe3:8443 chain"});  // its evidence differs
}
