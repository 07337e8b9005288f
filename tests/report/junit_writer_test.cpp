// The JUnit report: well-formed XML whose counts match the JSON report of the same run, one
// testcase per finding, and hostile text escaped rather than breaking the document.

#include <doctest/doctest.h>
#include <tinyxml2.h>

#include <map>

#include "report/fake_report.hpp"
#include "report/junit_writer.hpp"
#include "report/real_reports.hpp"

namespace {

int attribute(const tinyxml2::XMLElement* element, const char* name) {
    REQUIRE(element->Attribute(name));
    return element->IntAttribute(name, -1);
}

}  // namespace

TEST_CASE("junit: real reports are well-formed, one testcase per finding, counts as in the JSON report") {
    for (const auto& report : mra::test::real_reports("junit")) {
        CAPTURE(report.name);
        CAPTURE(report.outcome.err);
        tinyxml2::XMLDocument document;
        REQUIRE(document.Parse(report.outcome.out.c_str()) == tinyxml2::XML_SUCCESS);
        const auto* suites = document.RootElement();
        REQUIRE(std::string(suites->Name()) == "testsuites");
        const auto* suite = suites->FirstChildElement("testsuite");
        REQUIRE(suite);
        CHECK(suite->NextSiblingElement("testsuite") == nullptr);  // one target, one suite
        CHECK(std::string(suite->Attribute("name")) == report.json["target"].get<std::string>());
        CHECK(suite->Attribute("time"));

        const auto& counts = report.json["counts"];
        const int fail = counts["fail"], error = counts["error"];
        const int skipped = counts["not_run"].get<int>() + counts["not_applicable"].get<int>();
        for (const auto* element : {suites, suite}) {
            CHECK(attribute(element, "tests") == static_cast<int>(report.json["findings"].size()));
            CHECK(attribute(element, "failures") == fail);
            CHECK(attribute(element, "errors") == error);
            CHECK(attribute(element, "skipped") == skipped);
        }

        // Testcases in finding order, each with the outcome element its status calls for.
        const std::map<std::string, std::string> outcome_of = {
            {"fail", "failure"}, {"error", "error"}, {"not_run", "skipped"}, {"not_applicable", "skipped"}};
        const auto* testcase = suite->FirstChildElement("testcase");
        for (const auto& finding : report.json["findings"]) {
            REQUIRE(testcase);
            CHECK(std::string(testcase->Attribute("classname")) == finding["id"].get<std::string>());
            const std::string subject = finding["subject"];  // empty when the check does not apply
            CHECK(std::string(testcase->Attribute("name")) ==
                  (subject.empty() ? finding["id"].get<std::string>() : subject));
            const auto it = outcome_of.find(finding["status"]);
            const auto* first = testcase->FirstChildElement();
            if (it == outcome_of.end()) {
                CHECK((first == nullptr || std::string(first->Name()) == "system-out"));
            } else {
                REQUIRE(first);
                CHECK(std::string(first->Name()) == it->second);
                CHECK(first->Attribute("message"));
            }
            testcase = testcase->NextSiblingElement("testcase");
        }
        CHECK(testcase == nullptr);
    }
}

TEST_CASE("junit: hostile text is escaped, and control characters and invalid UTF-8 replaced") {
    const std::string xml = mra::report::render_junit(mra::test::fake_report());
    tinyxml2::XMLDocument document;
    REQUIRE(document.Parse(xml.c_str()) == tinyxml2::XML_SUCCESS);
    const auto* suite = document.RootElement()->FirstChildElement("testsuite");
    CHECK(attribute(suite, "tests") == 7);
    CHECK(attribute(suite, "failures") == 1);
    CHECK(attribute(suite, "errors") == 1);
    CHECK(attribute(suite, "skipped") == 2);
    CHECK(std::string(suite->Attribute("time")) == "1.234");
    CHECK(std::string(suite->Attribute("timestamp")) == "2027-01-15T08:00:00");

    const auto* failure = suite->FirstChildElement("testcase");
    while (failure && !failure->FirstChildElement("failure")) failure = failure->NextSiblingElement("testcase");
    REQUIRE(failure);
    CHECK(std::string(failure->Attribute("name")) == "exp\"e1:8443 leaf");
    // Markup and quotes come back as they were; \x01 and the lone \xff byte become U+FFFD, and in
    // an attribute the line break a space (the body keeps it).
    CHECK(std::string(failure->FirstChildElement("failure")->Attribute("message")) ==
          "a<b>&\"c'\\d|e f\xEF\xBF\xBDg\xEF\xBF\xBD");
    CHECK(std::string(failure->FirstChildElement("failure")->GetText()).find("|e\nf") != std::string::npos);
    CHECK(std::string(failure->FirstChildElement("failure")->Attribute("type")) == "critical");
    CHECK(std::string(failure->FirstChildElement("failure")->GetText()).find("fix: renew") != std::string::npos);
    CHECK(xml.find('\x01') == std::string::npos);
}
