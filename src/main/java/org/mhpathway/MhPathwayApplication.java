package org.mhpathway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class MhPathwayApplication {

    public static void main(String[] args) {
        SpringApplication.run(MhPathwayApplication.class, args);
    }
}
