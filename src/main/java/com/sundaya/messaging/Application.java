package com.sundaya.messaging;

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.camel.main.Main;

/**
 * Starts the platform. Files a user edits ({@code application.properties}, {@code routes/}, {@code kamelets/}) are
 * read from the working directory when present, so running from the repository root uses the files just edited;
 * otherwise the copies packaged in the jar are used.
 */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) throws Exception {
        Main main = new Main();
        // later locations override earlier ones: the working-directory file wins over the packaged one
        main.setPropertyPlaceholderLocations(
                "classpath:application.properties;optional=true,file:application.properties;optional=true");
        main.configure().withRoutesIncludePattern(userFileOrPackaged("routes", "*.camel.yaml"));
        main.run(args);
    }

    static String userFileOrPackaged(String dir, String glob) {
        return Files.isDirectory(Path.of(dir)) ? "file:" + dir + "/" + glob : "classpath:" + dir + "/" + glob;
    }
}
