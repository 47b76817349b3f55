package io.leadrouter.persistence;

import io.leadrouter.domain.ConditionalCap;
import io.leadrouter.domain.Segment;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Conditional caps as one column: {@code ENTERPRISE:DAY:3,SMB:WEEK:20}. */
@Converter
public class ConditionalCapsConverter implements AttributeConverter<List<ConditionalCap>, String> {

    @Override
    public String convertToDatabaseColumn(List<ConditionalCap> caps) {
        return caps == null ? "" : caps.stream().map(c -> c.segment() + ":" + c.per() + ":" + c.limit())
                .collect(Collectors.joining(","));
    }

    @Override
    public List<ConditionalCap> convertToEntityAttribute(String column) {
        List<ConditionalCap> caps = new ArrayList<>();
        if (column == null || column.isBlank()) {
            return caps;
        }
        for (String entry : column.split(",")) {
            String[] parts = entry.trim().split(":");
            caps.add(new ConditionalCap(Segment.valueOf(parts[0]), ConditionalCap.Window.valueOf(parts[1]),
                    Integer.parseInt(parts[2])));
        }
        return caps;
    }
}
