package io.leadrouter.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.leadrouter.domain.CustomerType;
import io.leadrouter.domain.Lead;
import io.leadrouter.domain.MatchedRule;
import io.leadrouter.domain.Priority;
import io.leadrouter.domain.Rep;
import io.leadrouter.domain.RoutingTarget;
import io.leadrouter.domain.Segment;
import io.leadrouter.domain.Tier;
import io.leadrouter.domain.TimeRange;
import io.leadrouter.engine.CompiledRules;
import io.leadrouter.engine.Evaluation;
import io.leadrouter.engine.RuleCompiler;
import io.leadrouter.engine.RuleSourceReader;
import io.leadrouter.intake.LeadRequest;

import java.io.BufferedWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Inputs and the parity check of the realistic HTTP benchmarks (bench/http-realistic.sh, BENCHMARKS.md):
 * <pre>
 * HttpBench roster  REPS OUT.sql                       a roster over the 16 pools the shipped rules route to
 * HttpBench corpus  N OUT.jsonl [hot]                  N varied leads (LeadCorpus, seed 42) shaped for the shipped rules;
 *                                                       "hot": every lead into one pool (DACH Commercial)
 * HttpBench parity  URL API_KEY RULES_DIR TABLES_DIR CORPUS.jsonl REPS N OUT.csv
 *                                                       the first N leads as HTTP dry runs and in process: same rules?
 * HttpBench live    URL API_KEY TABLE.xlsx ROWS TRIALS LEAD.json OUT.csv
 *                                                       save a ROWS-row table over TABLE.xlsx (the watcher is on), then
 *                                                       dry-run LEAD every 20 ms until a new rules version answers
 * </pre>
 * The roster is deterministic in REPS. The reps the rules can see (account owners named by existing-customer leads,
 * industry specialists) have no working hours, caps or absence, so what the rules see does not depend on the clock
 * and the in-process side of the parity check can build the same roster without the database.
 */
public final class HttpBench {

    /** A pool the shipped rules route to: team name, countries, time zone, share of the roster (percent). */
    record Team(String name, String territories, String zone, String segments, int share, String industries) {
    }

    static final List<Team> TEAMS = List.of(
            new Team("DACH Enterprise", "DE,AT,CH", "Europe/Berlin", "ENTERPRISE", 6, ""),
            new Team("DACH Commercial", "DE,AT,CH", "Europe/Berlin", "SMB,MID_MARKET", 8, ""),
            new Team("UK & Ireland", "GB,IE", "Europe/London", "", 8, ""),
            new Team("France & Benelux", "FR,BE,NL,LU", "Europe/Paris", "", 7, ""),
            new Team("Southern Europe", "ES,PT,IT", "Europe/Madrid", "", 5, ""),
            new Team("North America East", "US,CA", "America/New_York", "", 20, ""),
            new Team("North America West", "US", "America/Los_Angeles", "", 16, ""),
            new Team("LATAM", "MX,BR,AR,CL,CO,PE", "America/Sao_Paulo", "", 5, ""),
            new Team("APAC", "AU,NZ,SG,JP,IN", "Asia/Singapore", "", 8, ""),
            new Team("Strategic Accounts", "*", "Europe/London", "ENTERPRISE", 3, ""),
            new Team("Partner", "*", "Europe/Prague", "", 3, ""),
            new Team("Account Management", "*", "America/Chicago", "", 5, ""),
            // Three specialist pools (specialists:healthcare, :financial services, :data residency) from one team.
            new Team("Industry Specialists", "*", "America/Chicago", "MID_MARKET,ENTERPRISE", 6, ""));

    static final String[] SPECIALTIES = {"Healthcare,Life Sciences", "Financial Services,Banking,Insurance", "Data residency"};

    /** One rep of the generated roster. */
    record RepRow(String id, String team, String territories, String industries, String segments, Tier tier,
                  String availability, boolean active, int capacity, String zone, String workingHours, int dailyCap,
                  int weeklyCap, int weight) {
    }

    private HttpBench() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "roster" -> writeRosterSql(Integer.parseInt(args[1]), Path.of(args[2]));
            case "corpus" -> writeCorpus(Integer.parseInt(args[1]), Path.of(args[2]), args.length > 3 && args[3].equals("hot"));
            case "parity" -> System.exit(parity(args[1], args[2], Path.of(args[3]), Path.of(args[4]), Path.of(args[5]),
                    Integer.parseInt(args[6]), Integer.parseInt(args[7]), Path.of(args[8])));
            case "live" -> live(args[1], args[2], Path.of(args[3]), Integer.parseInt(args[4]), Integer.parseInt(args[5]),
                    Path.of(args[6]), Path.of(args[7]));
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        }
    }

    /** Reps per team by share, at least one per team (so 10 requested gives 13: one per pool team). */
    static List<RepRow> roster(int reps) {
        int totalShare = TEAMS.stream().mapToInt(Team::share).sum();
        List<RepRow> rows = new ArrayList<>();
        Random random = new Random(11);
        int n = 0;
        for (Team team : TEAMS) {
            int count = Math.max(1, Math.round((float) reps * team.share() / totalShare));
            String slug = team.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z]+", "-");
            for (int i = 1; i <= count; i++, n++) {
                boolean seenByRules = i == 1 || team.name().equals("Industry Specialists");
                String industries = team.name().equals("Industry Specialists") ? SPECIALTIES[(i - 1) % SPECIALTIES.length] : "";
                Tier tier = i == 1 ? Tier.SENIOR : switch (random.nextInt(5)) {
                    case 0, 1 -> Tier.SENIOR;
                    case 2, 3 -> Tier.MID;
                    default -> Tier.JUNIOR;
                };
                // Working hours for 60 % of the reps the rules do not look at, a daily cap for one in ten, a weekly
                // cap for one in fifteen, one in forty out of office, one in fifty inactive.
                String hours = !seenByRules && random.nextInt(10) < 6 ? weekdays("08:00-18:00") : "";
                int dailyCap = !seenByRules && n % 10 == 3 ? 30 : 0;
                int weeklyCap = !seenByRules && n % 15 == 7 ? 100 : 0;
                String availability = !seenByRules && n % 40 == 21 ? "OUT_OF_OFFICE" : "AVAILABLE";
                boolean active = seenByRules || n % 50 != 33;
                rows.add(new RepRow(slug + "-" + i, team.name(), team.territories(), industries, team.segments(), tier,
                        availability, active, 0, team.zone(), hours, dailyCap, weeklyCap, 1 + random.nextInt(2)));
            }
        }
        return rows;
    }

    static String weekdays(String range) {
        return java.util.stream.Stream.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY")
                .map(d -> d + "=" + range).collect(Collectors.joining(","));
    }

    static void writeRosterSql(int reps, Path out) throws Exception {
        try (BufferedWriter w = Files.newBufferedWriter(out)) {
            w.write("delete from pool_member; delete from pool_state; delete from rep;\n");
            w.write("insert into rep (id, name, email, team, territories, industries, segments, languages, tier, active,"
                    + " availability, capacity, open_leads, weight, time_zone, updated_at, working_hours, daily_cap,"
                    + " weekly_cap) values\n");
            List<RepRow> rows = roster(reps);
            for (int i = 0; i < rows.size(); i++) {
                RepRow r = rows.get(i);
                w.write(String.format(Locale.ROOT, "('%s','%s','%s@example.com','%s','%s','%s','%s','en','%s',%s,'%s',%d,0,%d,'%s',"
                                + "current_timestamp,'%s',%d,%d)%s%n", r.id(), r.id(), r.id(), r.team().replace("'", "''"),
                        r.territories(), r.industries(), r.segments(), r.tier(), r.active(), r.availability(), r.capacity(),
                        r.weight(), r.zone(), r.workingHours(), r.dailyCap(), r.weeklyCap(), i == rows.size() - 1 ? ";" : ","));
            }
        }
        System.out.println("roster: " + roster(reps).size() + " reps in " + TEAMS.size() + " teams (16 pools) -> " + out);
    }

    /** The same roster as plain {@link Rep} objects, as the service hands it to the rules. */
    static List<Rep> reps(int reps, Instant now) {
        List<Rep> out = new ArrayList<>();
        for (RepRow r : roster(reps)) {
            Rep rep = new Rep();
            rep.setId(r.id());
            rep.setName(r.id());
            rep.setEmail(r.id() + "@example.com");
            rep.setTeam(r.team());
            rep.setTerritories(split(r.territories()));
            rep.setIndustries(split(r.industries()));
            rep.setSegments(split(r.segments()).stream().map(Segment::valueOf).collect(Collectors.toSet()));
            rep.setLanguages(Set.of("en"));
            rep.setTier(r.tier());
            rep.setActive(r.active());
            rep.setAvailability(io.leadrouter.domain.Availability.valueOf(r.availability()));
            rep.setCapacity(r.capacity());
            rep.setWeight(r.weight());
            rep.setTimeZone(r.zone());
            if (!r.workingHours().isEmpty()) {
                Map<DayOfWeek, List<TimeRange>> hours = new EnumMap<>(DayOfWeek.class);
                for (String day : r.workingHours().split(",")) {
                    String[] p = day.split("=")[1].split("-");
                    hours.put(DayOfWeek.valueOf(day.split("=")[0]), List.of(new TimeRange(LocalTime.parse(p[0]), LocalTime.parse(p[1]))));
                }
                rep.setWorkingHours(hours);
            }
            rep.setDailyCap(r.dailyCap());
            rep.setWeeklyCap(r.weeklyCap());
            rep.checkAvailability(now, Map.of());
            out.add(rep);
        }
        return out;
    }

    private static Set<String> split(String csv) {
        return csv.isEmpty() ? Set.of() : Set.of(csv.split(","));
    }

    static ObjectMapper json() {
        return new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL);
    }

    /**
     * LeadCorpus's funnel (countries, regions, sizes, industries) with the fields the shipped rules read: lead sources
     * named as in lead-scoring.xlsx, 5 % existing customers with an owner, 3 % partners, deal values on 15 %, a few
     * data-residency use cases and urgent leads.
     */
    static void writeCorpus(int n, Path out, boolean hot) throws Exception {
        ObjectMapper json = json();
        try (BufferedWriter w = Files.newBufferedWriter(out)) {
            for (LeadRequest lead : corpus(n, hot)) {
                w.write(json.writeValueAsString(lead));
                w.newLine();
            }
        }
        System.out.println("corpus: " + n + (hot ? " hot-pool" : "") + " leads -> " + out);
    }

    /** The corpus as requests (what the HTTP benchmarks send and the engine benchmark evaluates). */
    static List<LeadRequest> corpus(int n, boolean hot) {
        List<LeadRequest> corpus = new ArrayList<>(n);
        Random random = new Random(43);
        List<RepRow> owners = roster(10).stream().filter(r -> r.id().endsWith("-1")).toList();
        Map<String, String> sources = Map.of("web-form", "Web form", "free-trial", "Free trial", "paid-search",
                "Paid search", "webinar", "Webinar", "event", "Event", "referral", "Referral", "partner", "Partner referral",
                "content-download", "Content download", "outbound", "Purchased list", "chat", "Demo request");
        {
            for (Lead lead : LeadCorpus.generate(n, EngineThroughputBenchmark.CORPUS_SEED)) {
                lead.setSource(sources.get(lead.getSource()));
                int r = random.nextInt(100);
                if (hot) {
                    // DACH Commercial: a small German new-business lead outside every specialist industry.
                    lead.setCountry("DE");
                    lead.setRegion(null);
                    lead.setEmployees(1 + random.nextInt(200));
                    lead.setIndustry("Software");
                    lead.setCustomerType(CustomerType.NEW_BUSINESS);
                } else {
                    if (r < 5) {
                        lead.setCustomerType(CustomerType.EXISTING_CUSTOMER);
                        lead.setExistingOwnerId(owners.get(random.nextInt(owners.size())).id());
                    } else if (r < 8) {
                        lead.setCustomerType(CustomerType.PARTNER);
                    } else {
                        lead.setCustomerType(CustomerType.NEW_BUSINESS);
                    }
                    if (random.nextInt(100) < 15) {
                        lead.setEstimatedDealValue((long) Math.exp(10.5 + 1.3 * random.nextGaussian()));
                    }
                    if (random.nextInt(100) < 2) {
                        lead.setUseCase("Data residency");
                    }
                    if (random.nextInt(100) < 2) {
                        lead.setPriority(Priority.URGENT);
                    }
                }
                corpus.add(LeadRequest.asSent(lead));
            }
        }
        return corpus;
    }

    /**
     * Routes the first {@code n} corpus leads as dry runs over HTTP and, in process, through the same rule files with
     * the same roster; a lead passes when score, priority and the fired rules (in order) agree and an assigned rep
     * belongs to the team the rules chose. Exit status 1 on any mismatch.
     */
    static int parity(String url, String apiKey, Path rulesDir, Path tablesDir, Path corpus, int reps, int n, Path out)
            throws Exception {
        ObjectMapper json = json();
        CompiledRules rules = new RuleCompiler().compile(RuleSourceReader.read(rulesDir, tablesDir));
        List<Rep> roster = reps(reps, Instant.now());
        HttpClient client = HttpClient.newHttpClient();
        List<String> lines = Files.readAllLines(corpus).subList(0, n);
        int mismatches = 0;
        int assigned = 0;
        Map<String, Integer> targets = new java.util.TreeMap<>();
        try (BufferedWriter w = Files.newBufferedWriter(out)) {
            w.write("lead,match,http_score,local_score,http_priority,local_priority,http_rules,local_rules,http_assignee_team,local_target\n");
            for (String line : lines) {
                LeadRequest request = json.readValue(line, LeadRequest.class);
                Evaluation local = rules.evaluate(request.toLead(), roster);
                HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(url + "/api/route?dryRun=true"))
                        .header("Content-Type", "application/json").header("X-API-Key", apiKey)
                        .POST(HttpRequest.BodyPublishers.ofString(line)).build(), HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() != 200) {
                    throw new IllegalStateException("HTTP " + answer.statusCode() + " for " + line + ": " + answer.body());
                }
                JsonNode remote = json.readTree(answer.body());
                String httpRules = names(remote.path("matchedRules"));
                String localRules = local.matchedRules().stream().map(MatchedRule::name).collect(Collectors.joining("|"));
                String team = remote.path("assignee").path("team").asText("");
                RoutingTarget target = local.routing().getTarget();
                String localTarget = target == null ? "" : target.kind() + ":" + target.value();
                boolean teamOk = team.isEmpty() || target == null || target.kind() != RoutingTarget.Kind.TEAM
                        || target.value().equalsIgnoreCase(team);
                boolean match = !local.failed() && remote.path("score").asInt() == local.lead().getScore()
                        && remote.path("priority").asText().equals(local.lead().getPriority().name())
                        && httpRules.equals(localRules) && teamOk;
                if (!match) {
                    mismatches++;
                }
                if (!team.isEmpty()) {
                    assigned++;
                }
                targets.merge(localTarget, 1, Integer::sum);
                w.write(String.join(",", request.id(), String.valueOf(match), remote.path("score").asText(),
                        String.valueOf(local.lead().getScore()), remote.path("priority").asText(),
                        local.lead().getPriority().name(), quote(httpRules), quote(localRules), quote(team), quote(localTarget)));
                w.newLine();
            }
        }
        System.out.printf(Locale.ROOT, "parity: %d leads, %d mismatches, %d assigned to a rep (rest queued); rule targets %s%n",
                n, mismatches, assigned, targets);
        return mismatches == 0 ? 0 : 1;
    }

    /**
     * "Live about 2 s after save": each trial writes a different table of the same size over the watched file (a new
     * seed, so new bytes and new teams), as an editor's save does, and times from the end of the write to the first
     * dry run answered by a new rules version. One trial at a time, 1 s apart; the first trial (a size change) is
     * not counted.
     */
    static void live(String url, String apiKey, Path table, int rows, int trials, Path leadFile, Path out) throws Exception {
        ObjectMapper json = json();
        HttpClient client = HttpClient.newHttpClient();
        String lead = Files.readString(leadFile).strip();
        List<Long> millis = new ArrayList<>();
        boolean header = !Files.exists(out);
        try (BufferedWriter w = Files.newBufferedWriter(out, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND)) {
            if (header) {
                w.write("rows,trial,save_to_first_route_ms,old_version,new_version\n");
            }
            for (int trial = 0; trial <= trials; trial++) {
                String before = version(client, json, url, apiKey, lead);
                byte[] bytes = TerritoryTable.generate(rows, 1000L + rows + trial).toXlsx();
                Files.write(table, bytes);
                long saved = System.nanoTime();
                String now = before;
                while (now.equals(before)) {
                    if (System.nanoTime() - saved > 120_000_000_000L) {
                        throw new IllegalStateException("no new version 120 s after the save (rows " + rows + ")");
                    }
                    Thread.sleep(20);
                    now = version(client, json, url, apiKey, lead);
                }
                long ms = (System.nanoTime() - saved) / 1_000_000;
                if (trial > 0) {
                    millis.add(ms);
                    w.write(rows + "," + trial + "," + ms + "," + before + "," + now + "\n");
                    w.flush();
                }
                System.out.println("rows " + rows + " trial " + trial + ": " + ms + " ms (" + before + " -> " + now + ")");
                Thread.sleep(1_000);
            }
        }
        List<Long> sorted = millis.stream().sorted().toList();
        System.out.printf(Locale.ROOT, "live after save, %d rows, %d trials: median %d ms, p95 %d ms, max %d ms%n", rows,
                sorted.size(), sorted.get(sorted.size() / 2), sorted.get((int) Math.ceil(sorted.size() * 0.95) - 1),
                sorted.get(sorted.size() - 1));
    }

    private static String version(HttpClient client, ObjectMapper json, String url, String apiKey, String lead) throws Exception {
        HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(url + "/api/route?dryRun=true"))
                .header("Content-Type", "application/json").header("X-API-Key", apiKey)
                .POST(HttpRequest.BodyPublishers.ofString(lead)).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + answer.statusCode() + ": " + answer.body());
        }
        return json.readTree(answer.body()).path("rulesVersion").asText();
    }

    private static String names(JsonNode matched) {
        List<String> names = new ArrayList<>();
        matched.forEach(m -> names.add(m.path("name").asText()));
        return String.join("|", names);
    }

    private static String quote(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }
}
