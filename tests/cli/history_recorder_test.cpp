// HistoryRecorder, as a fleet uses it: one recorder, record() from several worker threads at once.

#include "cli/history_recorder.hpp"

#include <doctest/doctest.h>

#include <thread>
#include <vector>

#include "history/store.hpp"
#include "report/fake_report.hpp"
#include "support/scratch_dir.hpp"

TEST_CASE("history recorder: worker threads record through one recorder, each target's runs in turn") {
    const mra::test::ScratchDir dir;
    const std::string db = dir / "history.db";
    mra::cli::HistoryRecorder recorder(db);
    constexpr int threads = 8, runs_each = 5;
    std::vector<std::vector<mra::Report>> reports(threads);
    {
        std::vector<std::jthread> workers;
        for (int thread = 0; thread < threads; ++thread)
            workers.emplace_back([&, thread] {
                for (int run = 0; run < runs_each; ++run) {
                    mra::Report report = mra::test::fake_report();
                    report.target = "target" + std::to_string(thread) + ".example";
                    report.started_at_ms += run;
                    recorder.record(report);
                    reports[thread].push_back(std::move(report));
                }
            });
    }
    const mra::history::Store store(db, mra::history::Store::Access::read);
    CHECK(store.runs().size() == threads * runs_each);
    for (int thread = 0; thread < threads; ++thread) {
        const auto runs = store.runs(reports[thread][0].target);
        REQUIRE(runs.size() == runs_each);
        CHECK_FALSE(reports[thread][0].changes);  // the target's first run
        for (int run = 1; run < runs_each; ++run) {
            REQUIRE(reports[thread][run].changes);
            CHECK(reports[thread][run].changes->since_run == runs[run - 1].id);  // its own target's previous run
            CHECK(reports[thread][run].changes->none());
        }
    }
}
