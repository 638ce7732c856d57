package com.mindflow.command.imports;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * A ZIP archive unpacked only after it proved harmless. Two passes, both before anything of the import is written:
 * <ol>
 * <li>the central directory, read by hand because {@link ZipFile} hides what matters here (the Unix mode that marks a
 * symlink, the sizes as declared): entry count, every name (no {@code ../}, absolute path, backslash or drive letter),
 * no symlinks, declared sizes and compression ratios;</li>
 * <li>inflating each file into a private directory, counting the bytes that really come out: a declared size is only
 * a claim, so the same limits are checked again against the actual bytes while streaming, and inflating stops at the
 * first byte over a limit.</li>
 * </ol>
 * The unpacked files are named by their index, never by the archive's names, so no name can reach the file system.
 */
final class SafeArchive implements AutoCloseable {

    private static final int LOCAL_HEADER = 0x04034b50;
    private static final int CENTRAL_HEADER = 0x02014b50;
    private static final int END_OF_CENTRAL = 0x06054b50;
    private static final int END_MIN = 22;
    private static final int MAX_COMMENT = 0xFFFF;
    private static final int UNIX = 3;
    private static final int S_IFMT = 0170000;
    private static final int S_IFLNK = 0120000;
    private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:.*");

    private final Path directory;
    private final Map<String, Unpacked> files;
    private final Map<Path, String> digests = new HashMap<>();

    /** One file of the archive, unpacked. */
    record Unpacked(String name, Path path, long size) {
    }

    private SafeArchive(Path directory, Map<String, Unpacked> files) {
        this.directory = directory;
        this.files = files;
    }

    /** Whether {@code file} starts like a ZIP archive (a local file header, or the end record of an empty one). */
    static boolean looksLikeZip(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(4);
            if (head.length < 4) {
                return false;
            }
            int signature = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN).getInt();
            return signature == LOCAL_HEADER || signature == END_OF_CENTRAL;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SafeArchive unpack(Path zip, ImportSettings limits) {
        List<Declared> declared = centralDirectory(zip, limits);
        Path directory;
        try {
            directory = Files.createTempDirectory("import-unpacked-");
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SafeArchive archive = new SafeArchive(directory, new LinkedHashMap<>());
        try (ZipFile zipFile = new ZipFile(zip.toFile(), StandardCharsets.UTF_8)) {
            long total = 0;
            int index = 0;
            for (Declared file : declared) {
                if (file.isDirectory()) {
                    continue;
                }
                ZipEntry entry = zipFile.getEntry(file.name());
                if (entry == null) {
                    throw ImportRefused.malformed("The archive's directory names " + file.name()
                            + ", but the archive has no such file");
                }
                Path target = directory.resolve(Integer.toString(index++));
                long remaining = limits.maxUncompressedSize().toBytes() - total;
                long size = inflate(zipFile, entry, file, target, remaining, limits);
                total += size;
                archive.files.put(file.name(), new Unpacked(file.name(), target, size));
            }
            return archive;
        }
        catch (ZipException e) {
            archive.close();
            throw ImportRefused.malformed("The file is not a readable ZIP archive: " + e.getMessage());
        }
        catch (IOException e) {
            archive.close();
            throw new UncheckedIOException(e);
        }
        catch (RuntimeException e) {
            archive.close();
            throw e;
        }
    }

    /**
     * The SHA-256 of an unpacked file, computed once: many entries may name one file, and each would otherwise read
     * it again (a million references to one 40 MB photo is a small Journal.json).
     */
    String sha256(Path unpacked) {
        return digests.computeIfAbsent(unpacked, EntryRules::sha256);
    }

    /** The archive's files by name (directories left out), in archive order. */
    Map<String, Unpacked> files() {
        return Collections.unmodifiableMap(files);
    }

    @Override
    public void close() {
        try (var walk = Files.walk(directory)) {
            for (Path path : walk.sorted(Collections.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
        catch (IOException e) {
            // The temp directory is cleaned on restart; a left file is not worth failing the import for.
        }
    }

    /** A central directory record: what the archive claims about one file. */
    private record Declared(String name, int method, long compressedSize, long size) {

        boolean isDirectory() {
            return name.endsWith("/");
        }
    }

    private static long inflate(ZipFile zipFile, ZipEntry entry, Declared file, Path target, long remainingTotal,
            ImportSettings limits) throws IOException {
        long perEntry = limits.maxEntrySize().toBytes();
        long ratioFloor = limits.ratioFloor().toBytes();
        long compressed = Math.max(1, file.compressedSize());
        long written = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = zipFile.getInputStream(entry);
                OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW)) {
            int read;
            while ((read = in.read(buffer)) != -1) {
                written += read;
                // Checked before the bytes are kept: a bomb never gets further than one buffer past a limit.
                if (written > file.size()) {
                    throw ImportRefused.unsafe(file.name() + " inflates to more than the " + file.size()
                            + " bytes its header declares");
                }
                if (written > perEntry) {
                    throw ImportRefused.tooLarge(file.name() + " is larger than " + perEntry + " bytes");
                }
                if (written > remainingTotal) {
                    throw ImportRefused.tooLarge("The archive inflates to more than "
                            + limits.maxUncompressedSize().toBytes() + " bytes");
                }
                if (written > ratioFloor && written / compressed > limits.maxCompressionRatio()) {
                    throw ImportRefused.unsafe(file.name() + " is compressed more than "
                            + limits.maxCompressionRatio() + " to 1: refused as a zip bomb");
                }
                out.write(buffer, 0, read);
            }
        }
        catch (EOFException | ZipException truncated) {
            // A cut-off or corrupt deflate stream: the file's fault, not the service's.
            throw ImportRefused.malformed(file.name() + " cannot be inflated: " + truncated.getMessage());
        }
        if (written != file.size()) {
            throw ImportRefused.malformed(file.name() + " inflates to " + written + " bytes, but its header declares "
                    + file.size());
        }
        return written;
    }

    private static List<Declared> centralDirectory(Path zip, ImportSettings limits) {
        try (FileChannel channel = FileChannel.open(zip, StandardOpenOption.READ)) {
            long length = channel.size();
            if (length < END_MIN) {
                throw ImportRefused.malformed("The file is too short to be a ZIP archive");
            }
            int tail = (int) Math.min(length, END_MIN + MAX_COMMENT);
            ByteBuffer end = read(channel, length - tail, tail);
            int at = -1;
            for (int i = tail - END_MIN; i >= 0; i--) {
                if (end.getInt(i) == END_OF_CENTRAL) {
                    at = i;
                    break;
                }
            }
            if (at < 0) {
                throw ImportRefused.malformed("The ZIP archive has no central directory (truncated or not a ZIP)");
            }
            int count = Short.toUnsignedInt(end.getShort(at + 10));
            long directorySize = Integer.toUnsignedLong(end.getInt(at + 12));
            long directoryOffset = Integer.toUnsignedLong(end.getInt(at + 16));
            if (count == 0xFFFF || directorySize == 0xFFFFFFFFL || directoryOffset == 0xFFFFFFFFL) {
                throw ImportRefused.malformed("ZIP64 archives are not supported");
            }
            if (count > limits.maxArchiveEntries()) {
                throw ImportRefused.tooLarge("The archive holds " + count + " files; at most "
                        + limits.maxArchiveEntries() + " are allowed");
            }
            if (directoryOffset + directorySize > length) {
                throw ImportRefused.malformed("The ZIP archive's central directory lies outside the file");
            }
            ByteBuffer directory = read(channel, directoryOffset, (int) directorySize);
            return records(directory, count, limits);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Declared> records(ByteBuffer directory, int count, ImportSettings limits) {
        List<Declared> declared = new ArrayList<>(count);
        Set<String> names = new HashSet<>();
        long total = 0;
        int position = 0;
        for (int i = 0; i < count; i++) {
            if (position + 46 > directory.limit() || directory.getInt(position) != CENTRAL_HEADER) {
                throw ImportRefused.malformed("The ZIP archive's central directory is damaged");
            }
            int madeBy = Short.toUnsignedInt(directory.getShort(position + 4)) >> 8;
            int method = Short.toUnsignedInt(directory.getShort(position + 10));
            long compressed = Integer.toUnsignedLong(directory.getInt(position + 20));
            long size = Integer.toUnsignedLong(directory.getInt(position + 24));
            int nameLength = Short.toUnsignedInt(directory.getShort(position + 28));
            int extraLength = Short.toUnsignedInt(directory.getShort(position + 30));
            int commentLength = Short.toUnsignedInt(directory.getShort(position + 32));
            int external = directory.getInt(position + 38);
            if (position + 46 + nameLength > directory.limit()) {
                throw ImportRefused.malformed("The ZIP archive's central directory is damaged");
            }
            String name = name(directory, position + 46, nameLength);
            position += 46 + nameLength + extraLength + commentLength;

            requireSafeName(name);
            if (!names.add(name)) {
                throw ImportRefused.unsafe("The archive holds " + name + " twice");
            }
            if (madeBy == UNIX && ((external >>> 16) & S_IFMT) == S_IFLNK) {
                throw ImportRefused.unsafe(name + " is a symbolic link; archives with links are refused");
            }
            if (size > limits.maxEntrySize().toBytes()) {
                throw ImportRefused.tooLarge(name + " declares " + size + " bytes; at most "
                        + limits.maxEntrySize().toBytes() + " are allowed per file");
            }
            total += size;
            if (total > limits.maxUncompressedSize().toBytes()) {
                throw ImportRefused.tooLarge("The archive declares more than "
                        + limits.maxUncompressedSize().toBytes() + " bytes uncompressed");
            }
            if (size > limits.ratioFloor().toBytes() && size / Math.max(1, compressed) > limits.maxCompressionRatio()) {
                throw ImportRefused.unsafe(name + " is compressed more than " + limits.maxCompressionRatio()
                        + " to 1: refused as a zip bomb");
            }
            declared.add(new Declared(name, method, compressed, size));
        }
        return declared;
    }

    /** Names stay inside the archive: relative, forward slashes only, no {@code ..} segment, no drive letter. */
    static void requireSafeName(String name) {
        if (name.isEmpty() || name.startsWith("/") || name.contains("\\") || DRIVE.matcher(name).matches()
                || name.indexOf('\0') >= 0) {
            throw ImportRefused.unsafe("Unsafe path in the archive: " + printable(name));
        }
        for (String segment : name.split("/", -1)) {
            if (segment.equals("..") || segment.equals(".")) {
                throw ImportRefused.unsafe("Unsafe path in the archive: " + printable(name));
            }
        }
    }

    private static String name(ByteBuffer directory, int offset, int length) {
        byte[] bytes = new byte[length];
        directory.get(offset, bytes);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        }
        catch (CharacterCodingException e) {
            throw ImportRefused.malformed("A file name in the archive is not UTF-8");
        }
    }

    private static String printable(String name) {
        return name.replaceAll("[\\p{Cntrl}]", "?");
    }

    private static ByteBuffer read(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw ImportRefused.malformed("The ZIP archive ends early");
            }
        }
        return buffer.flip().order(ByteOrder.LITTLE_ENDIAN);
    }
}
