package org.jouleboard.database;

import java.sql.Connection;
import java.sql.DriverManager;

/**
 * Another process that holds an H2 database file open, as a first Jouleboard instance would: prints a line once
 * the file is open and keeps it until its standard input closes. Started by {@link DatabaseStartTest}.
 */
public final class H2FileHolder {

    public static void main(String[] args) throws Exception {
        try (Connection connection = DriverManager.getConnection(args[0], "sa", "")) {
            System.out.println("holding " + connection.getMetaData().getURL());
            System.out.flush();
            while (System.in.read() >= 0) {
                // until the test closes our input
            }
        }
    }
}
