package io.leadrouter.persistence;

import io.leadrouter.domain.TimeRange;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Working hours as one column: {@code MONDAY=09:00-12:00,MONDAY=13:00-17:00}; empty means any time. */
@Converter
public class WorkingHoursConverter implements AttributeConverter<Map<DayOfWeek, List<TimeRange>>, String> {

    @Override
    public String convertToDatabaseColumn(Map<DayOfWeek, List<TimeRange>> hours) {
        if (hours == null) {
            return "";
        }
        return new EnumMap<>(hours).entrySet().stream()
                .flatMap(e -> e.getValue().stream().sorted(Comparator.comparing(TimeRange::from))
                        .map(r -> e.getKey() + "=" + r.from() + "-" + r.to()))
                .collect(Collectors.joining(","));
    }

    @Override
    public Map<DayOfWeek, List<TimeRange>> convertToEntityAttribute(String column) {
        Map<DayOfWeek, List<TimeRange>> hours = new EnumMap<>(DayOfWeek.class);
        if (column == null || column.isBlank()) {
            return hours;
        }
        for (String entry : column.split(",")) {
            String[] dayAndRange = entry.trim().split("=");
            String[] fromTo = dayAndRange[1].split("-");
            hours.computeIfAbsent(DayOfWeek.valueOf(dayAndRange[0]), d -> new ArrayList<>())
                    .add(new TimeRange(LocalTime.parse(fromTo[0]), LocalTime.parse(fromTo[1])));
        }
        return hours;
    }
}
