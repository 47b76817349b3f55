package io.leadrouter.bench;

import io.leadrouter.domain.Lead;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A seeded, reproducible corpus of inbound leads shaped like a B2B SaaS funnel: mostly US, then the large European
 * and APAC markets, a long tail of smaller countries; company sizes heavily skewed towards small companies; a few
 * leads with fields missing, as CRMs really send them. The same seed always yields the same leads.
 */
public final class LeadCorpus {

    /** Countries with a weight roughly proportional to their share of inbound leads. */
    static final Weighted<String> COUNTRIES = new Weighted<String>()
            .add("US", 380).add("GB", 80).add("DE", 70).add("CA", 50).add("FR", 45).add("IN", 40).add("AU", 35)
            .add("NL", 30).add("BR", 28).add("JP", 25).add("ES", 22).add("IT", 20).add("SE", 16).add("CH", 15)
            .add("SG", 14).add("MX", 14).add("PL", 12).add("IE", 11).add("BE", 10).add("AT", 9).add("DK", 9)
            .add("NO", 8).add("IL", 8).add("ZA", 7).add("KR", 7).add("AE", 6).add("FI", 6).add("NZ", 5)
            .add("PT", 5).add("AR", 5).add("CZ", 4).add("CO", 4).add("CL", 3).add("TR", 3).add("RO", 3);

    /** US states weighted roughly by population and tech density. */
    static final Weighted<String> US_STATES = new Weighted<String>()
            .add("CA", 160).add("TX", 90).add("NY", 85).add("FL", 60).add("IL", 40).add("WA", 38).add("MA", 36)
            .add("PA", 35).add("GA", 30).add("NC", 30).add("OH", 28).add("NJ", 28).add("VA", 26).add("CO", 24)
            .add("MI", 22).add("AZ", 20).add("MN", 16).add("OR", 14).add("TN", 14).add("MD", 14).add("UT", 12)
            .add("MO", 11).add("WI", 10).add("IN", 10).add("CT", 9).add("SC", 8).add("NV", 8).add("AL", 6)
            .add("KY", 6).add("LA", 6).add("OK", 5).add("IA", 5).add("KS", 4).add("NE", 4).add("NM", 3)
            .add("AR", 3).add("MS", 2).add("ID", 3).add("NH", 3).add("DC", 5).add("DE", 2).add("RI", 2)
            .add("HI", 2).add("ME", 2).add("MT", 1).add("AK", 1).add("VT", 1).add("SD", 1).add("ND", 1).add("WV", 1)
            .add("WY", 1);

    static final Weighted<String> CA_PROVINCES = new Weighted<String>()
            .add("ON", 45).add("QC", 22).add("BC", 18).add("AB", 12).add("MB", 2).add("NS", 1);
    static final Weighted<String> AU_STATES = new Weighted<String>()
            .add("NSW", 40).add("VIC", 32).add("QLD", 15).add("WA", 8).add("SA", 5);
    static final Weighted<String> DE_STATES = new Weighted<String>()
            .add("BY", 22).add("BW", 18).add("NW", 25).add("BE", 12).add("HE", 10).add("HH", 8).add("NI", 5);
    static final Weighted<String> IN_STATES = new Weighted<String>()
            .add("KA", 35).add("MH", 30).add("DL", 15).add("TN", 10).add("TG", 10);

    static final Weighted<String> INDUSTRIES = new Weighted<String>()
            .add("Software", 180).add("Financial Services", 90).add("Healthcare", 70).add("Retail", 60)
            .add("Manufacturing", 60).add("Education", 40).add("Media", 30).add("Telecommunications", 25)
            .add("Professional Services", 50).add("Logistics", 25).add("Energy", 15).add("Government", 15)
            .add("Insurance", 25).add("Real Estate", 20).add("Hospitality", 15).add("Nonprofit", 12)
            .add("Automotive", 12).add("Biotech", 15).add("Construction", 10).add("Agriculture", 5);

    static final Weighted<String> SOURCES = new Weighted<String>()
            .add("web-form", 300).add("free-trial", 200).add("paid-search", 120).add("webinar", 80).add("event", 60)
            .add("referral", 50).add("partner", 50).add("content-download", 90).add("outbound", 40).add("chat", 30);

    private LeadCorpus() {
    }

    public static List<Lead> generate(int size, long seed) {
        Random random = new Random(seed);
        List<Lead> leads = new ArrayList<>(size);
        Instant start = Instant.parse("2025-01-01T00:00:00Z");
        for (int i = 0; i < size; i++) {
            Lead lead = new Lead();
            lead.setId("L" + seed + "-" + i);
            String country = COUNTRIES.pick(random);
            lead.setCountry(country);
            lead.setRegion(regionOf(country, random));
            // Company size: log-normal-ish, median ~40 employees, a long tail into the tens of thousands.
            // About 4% of leads arrive without a size (personal sign-ups, enrichment misses).
            if (random.nextInt(100) >= 4) {
                int employees = (int) Math.min(250_000, Math.max(1, Math.round(Math.exp(3.7 + 1.9 * random.nextGaussian()))));
                lead.setEmployees(employees);
                lead.setAnnualRevenue((long) employees * (80_000L + random.nextInt(220_000)));
            }
            // About 3% without an industry.
            lead.setIndustry(random.nextInt(100) < 3 ? null : INDUSTRIES.pick(random));
            lead.setSource(SOURCES.pick(random));
            String company = "Company " + Integer.toString(random.nextInt(5_000_000), 36);
            lead.setCompany(company);
            lead.setEmail("buyer" + i + "@" + company.substring(8).toLowerCase() + ".example.com");
            lead.setFirstName("First" + (i % 997));
            lead.setLastName("Last" + (i % 1009));
            lead.setScore(random.nextInt(60));
            lead.setCreatedAt(start.plusSeconds(i * 37L));
            leads.add(lead);
        }
        return leads;
    }

    static String regionOf(String country, Random random) {
        return switch (country) {
            case "US" -> US_STATES.pick(random);
            case "CA" -> CA_PROVINCES.pick(random);
            case "AU" -> AU_STATES.pick(random);
            case "DE" -> DE_STATES.pick(random);
            case "IN" -> IN_STATES.pick(random);
            default -> null;
        };
    }

    /** Values with integer weights, picked in proportion to their weight. */
    static final class Weighted<T> {
        private final List<T> values = new ArrayList<>();
        private final List<Integer> cumulative = new ArrayList<>();
        private int total;

        Weighted<T> add(T value, int weight) {
            values.add(value);
            total += weight;
            cumulative.add(total);
            return this;
        }

        T pick(Random random) {
            int r = random.nextInt(total);
            for (int i = 0; i < values.size(); i++) {
                if (r < cumulative.get(i)) {
                    return values.get(i);
                }
            }
            throw new AssertionError();
        }

        List<T> values() {
            return values;
        }
    }
}
