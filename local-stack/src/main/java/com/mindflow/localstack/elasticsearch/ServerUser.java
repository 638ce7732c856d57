package com.mindflow.localstack.elasticsearch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Who Elasticsearch runs as. It refuses to run as root, so a root stack (CI, containers, this machine) runs it as a
 * system user, created once, that owns the server's folders; any other user runs it as itself.
 */
final class ServerUser {

    private final String name;
    private final boolean switchUser;

    private ServerUser(String name, boolean switchUser) {
        this.name = name;
        this.switchUser = switchUser;
    }

    /** The user to run as from this process: {@code name} when this process is root, else this process's own user. */
    static ServerUser forThisProcess(String name) throws IOException {
        int uid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        return new ServerUser(name, uid == 0);
    }

    boolean switchesUser() {
        return switchUser;
    }

    String name() {
        return switchUser ? name : System.getProperty("user.name");
    }

    /** Creates the system user (and its group) unless it exists; safe to call on every start. */
    void ensureExists() throws IOException, InterruptedException {
        if (!switchUser || run(List.of("id", "-u", name)) == 0) {
            return;
        }
        int status = run(List.of("useradd", "--system", "--user-group", "--no-create-home",
                "--home-dir", "/nonexistent", "--shell", "/usr/sbin/nologin", name));
        // 9: created meanwhile by someone else
        if (status != 0 && status != 9) {
            throw new IllegalStateException("cannot create the system user '" + name + "' for Elasticsearch (useradd exit "
                    + status + "); create it yourself or set MINDFLOW_ELASTICSEARCH_USER to an existing user");
        }
    }

    /** Gives every file under each folder to the user, touching only what someone else owns. */
    void own(List<Path> folders) throws IOException {
        if (!switchUser) {
            return;
        }
        UserPrincipalLookupService lookup = Path.of("/").getFileSystem().getUserPrincipalLookupService();
        UserPrincipal user = lookup.lookupPrincipalByName(name);
        GroupPrincipal group = lookup.lookupPrincipalByGroupName(name);
        for (Path folder : folders) {
            try (Stream<Path> walk = Files.walk(folder)) {
                for (Path path : (Iterable<Path>) walk::iterator) {
                    PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class,
                            LinkOption.NOFOLLOW_LINKS);
                    PosixFileAttributes attributes = view.readAttributes();
                    if (!attributes.owner().equals(user)) {
                        view.setOwner(user);
                    }
                    if (!attributes.group().equals(group)) {
                        view.setGroup(group);
                    }
                }
            }
        }
    }

    /**
     * Makes sure the user can reach a path (a checkout or JDK under /root, say): a folder on the way that others may
     * not enter gets traverse-only permission ({@code o+x}: enter by exact name, never list), and the change is
     * reported. Otherwise Elasticsearch would die later with a less obvious message.
     */
    void checkCanReach(Path path) throws IOException {
        if (!switchUser) {
            return;
        }
        for (Path dir = path.toAbsolutePath().normalize().getParent(); dir != null; dir = dir.getParent()) {
            PosixFileAttributes attributes = Files.readAttributes(dir, PosixFileAttributes.class);
            if (!attributes.permissions().contains(PosixFilePermission.OTHERS_EXECUTE)
                    && !attributes.owner().getName().equals(name)) {
                Set<PosixFilePermission> permissions = EnumSet.copyOf(attributes.permissions());
                permissions.add(PosixFilePermission.OTHERS_EXECUTE);
                Files.setPosixFilePermissions(dir, permissions);
                System.out.println("[local-stack] let '" + name + "' traverse " + dir + " (o+x) to reach " + path);
            }
        }
    }

    /** The command, run as this user. */
    List<String> command(List<String> command) {
        if (!switchUser) {
            return command;
        }
        List<String> full = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setpriv"))) {
            // setpriv execs in place: the pid we hold stays the launcher's, and it keeps the environment we set
            full.addAll(List.of("/usr/bin/setpriv", "--reuid=" + name, "--regid=" + name, "--init-groups"));
        } else {
            full.addAll(List.of("runuser", "-u", name, "--"));
        }
        full.addAll(command);
        return full;
    }

    private static int run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish within 30 s");
        }
        if (process.exitValue() != 0 && output.length > 0 && !command.getFirst().equals("id")) {
            System.err.println(new String(output, StandardCharsets.UTF_8).trim());
        }
        return process.exitValue();
    }
}
