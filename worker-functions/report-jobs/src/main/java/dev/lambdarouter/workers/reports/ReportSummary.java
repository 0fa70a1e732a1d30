package dev.lambdarouter.workers.reports;

import java.util.List;
import java.util.Map;

/**
 * What one report job produced: where the request came from (route, target) and a deterministic summary of its
 * input. Logged as a structured field and returned as the JSON body.
 */
record ReportSummary(
        String reportId,
        String reportType,
        String route,
        String target,
        int bodyBytes,
        String bodySha256,
        int lines,
        int words,
        List<String> fields,
        Map<String, List<String>> query) {}
