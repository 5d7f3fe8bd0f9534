package dev.zerocopy.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Converts size options such as {@code 256M} with {@link Units#parseSize(String)}. */
public final class SizeConverter implements ITypeConverter<Long> {

    /** Picocli instantiates the converter. */
    public SizeConverter() {
    }

    @Override
    public Long convert(String value) {
        try {
            return Units.parseSize(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
