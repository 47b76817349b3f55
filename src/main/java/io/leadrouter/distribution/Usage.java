package io.leadrouter.distribution;

/**
 * How many leads a rep received in the windows caps are counted over, in the rep's time zone, over every pool.
 *
 * @param today           since the start of the rep's calendar day
 * @param thisWeek        since the start of the rep's week (Monday)
 * @param segmentToday    of the routed lead's segment, today
 * @param segmentThisWeek of the routed lead's segment, this week
 */
public record Usage(int today, int thisWeek, int segmentToday, int segmentThisWeek) {

    static final Usage NONE = new Usage(0, 0, 0, 0);
}
