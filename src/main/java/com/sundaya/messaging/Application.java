package com.sundaya.messaging;

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.camel.main.Main;

/**
 * Starts the platform. Files a user edits ({@code application.properties}, {@code routes/}, {@code kamelets/}) are
 * read from the working directory when present, so running from the repository root uses the files just edited;
 * otherwise the copies packaged in the jar are used. A profile ({@code CAMEL_MAIN_PROFILE=prod} or
 * {@code -Dcamel.main.profile=prod}) adds {@code application-prod.properties} on top.
 */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) throws Exception {
        Main main = new Main();
        main.setPropertyPlaceholderLocations(propertyLocations(profile()));
        main.configure().withRoutesIncludePattern(userFileOrPackaged("routes", "*.camel.yaml"));
        main.run(args);
    }

    /**
     * Camel gives the first location that has a property priority, so the list runs from most to least specific:
     * the profile's file, then application.properties; each from the working directory before the jar's copy.
     */
    static String propertyLocations(String profile) {
        StringBuilder locations = new StringBuilder();
        if (profile != null && !profile.isBlank()) {
            String file = "application-" + profile.trim() + ".properties";
            locations.append("file:").append(file).append(";optional=true,")
                    .append("classpath:").append(file).append(";optional=true,");
        }
        return locations.append("file:application.properties;optional=true,")
                .append("classpath:application.properties;optional=true").toString();
    }

    private static String profile() {
        String fromSystem = System.getProperty("camel.main.profile");
        return fromSystem != null ? fromSystem : System.getenv("CAMEL_MAIN_PROFILE");
    }

    static String userFileOrPackaged(String dir, String glob) {
        return Files.isDirectory(Path.of(dir)) ? "file:" + dir + "/" + glob : "classpath:" + dir + "/" + glob;
    }
}
