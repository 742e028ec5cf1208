package org.jouleboard;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class JouleboardApplication {

    public static void main(String[] args) {
        SpringApplication.run(JouleboardApplication.class, args);
    }
}
