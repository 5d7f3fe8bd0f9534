package dev.zerocopy.bench;

import dev.zerocopy.bench.Harness.ScenarioResult;
import dev.zerocopy.bench.Harness.VariantResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Renders the results as Markdown: the machine, one table of every variant, the targets, the notes. */
final class Report {

    private Report() {
    }

    static String render(String header, List<ScenarioResult> results, List<String> notes) {
        StringBuilder out = new StringBuilder(header).append("\n\n");
        out.append("| scenario | variant | median | min | max | CPU (user+sys) | bytes verified |\n");
        out.append("|---|---|---|---|---|---|---|\n");
        List<String> allNotes = new ArrayList<>(notes);
        for (ScenarioResult result : results) {
            Scenario scenario = result.scenario();
            allNotes.addAll(scenario.notes());
            for (VariantResult v : result.variants()) {
                out.append("| ").append(scenario.id()).append(' ').append(scenario.title())
                        .append(" | ").append(v.variant().label());
                if (v.mechanism() != null) {
                    out.append(" (").append(v.mechanism()).append(')');
                }
                out.append(" | ");
                if (v.runs().isEmpty()) {
                    out.append("— | — | — | — | ");
                } else {
                    Summary s = Summary.of(v.runs(), scenario.perCall());
                    String unit = s.perCall() ? " µs/call" : " GiB/s";
                    out.append(number(s.median())).append(unit).append(" | ").append(number(s.min()))
                            .append(" | ").append(number(s.max())).append(" | ")
                            .append(number(s.cpu())).append(s.perCall() ? " µs/call" : " s/GiB").append(" | ");
                }
                out.append(v.failure() != null ? "FAILED: " + v.failure().replace('|', '/')
                        : v.verified() ? "yes" : "no").append(" |\n");
            }
        }
        List<Targets.Outcome> outcomes = Targets.evaluate(results);
        if (!outcomes.isEmpty()) {
            out.append("\n| target | measured | verdict |\n|---|---|---|\n");
            for (Targets.Outcome o : outcomes) {
                out.append("| ").append(o.target().text()).append(" | ")
                        .append(Double.isNaN(o.measured()) ? "—" : number(o.measured()) + "×")
                        .append(" | ").append(o.verdict()).append(" |\n");
            }
        }
        if (!allNotes.isEmpty()) {
            out.append('\n');
            for (String note : allNotes) {
                out.append("- ").append(note).append('\n');
            }
        }
        return out.toString();
    }

    static String number(double value) {
        if (Double.isNaN(value)) {
            return "—";
        }
        double magnitude = Math.abs(value);
        String format = magnitude >= 100 ? "%.0f" : magnitude >= 10 ? "%.1f" : "%.2f";
        return String.format(Locale.ROOT, format, value);
    }
}
