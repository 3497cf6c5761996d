package com.oxidly.domain.persistence;

import com.oxidly.domain.customer.CustomerStatus;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.postgresql.util.PGobject;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.data.convert.ReadingConverter;
import org.springframework.data.convert.WritingConverter;
import org.springframework.data.jdbc.core.convert.JdbcCustomConversions;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Maps enums to the lower-case words of the schema and JSON maps to jsonb. */
@Configuration(proxyBeanMethods = false)
class JdbcConversions {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Bean
  JdbcCustomConversions jdbcCustomConversions() {
    return new JdbcCustomConversions(
        List.of(new StatusWriter(), new StatusReader(), new JsonbWriter(), new JsonbReader()));
  }

  @WritingConverter
  static final class StatusWriter implements Converter<CustomerStatus, String> {
    @Override
    public String convert(CustomerStatus source) {
      return source.code();
    }
  }

  @ReadingConverter
  static final class StatusReader implements Converter<String, CustomerStatus> {
    @Override
    public CustomerStatus convert(String source) {
      return CustomerStatus.fromCode(source);
    }
  }

  @WritingConverter
  static final class JsonbWriter implements Converter<Map<String, Object>, PGobject> {
    @Override
    public PGobject convert(Map<String, Object> source) {
      PGobject json = new PGobject();
      json.setType("jsonb");
      try {
        json.setValue(JSON.writeValueAsString(source));
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
      return json;
    }
  }

  @ReadingConverter
  static final class JsonbReader implements Converter<PGobject, Map<String, Object>> {
    @Override
    public Map<String, Object> convert(PGobject source) {
      if (source.getValue() == null) {
        return Map.of();
      }
      return JSON.readValue(
          source.getValue(), new TypeReference<LinkedHashMap<String, Object>>() {});
    }
  }
}
