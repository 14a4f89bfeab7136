/* The load generator of bench/deposit-rush.sh: CONCURRENCY threads, each on one keep-alive HTTP/1.1
 * connection, take bidders from a shared queue; for each, PUT every 1 MiB chunk of the sealed file
 * (X-Chunk-SHA256, the session cookie and CSRF token), then POST .../complete and time the answer from
 * the last chunk acknowledged. The same requests go to the platform and to the nginx sink.
 *
 * Usage: deposit_rush HOST PORT SEALED IDS CONCURRENCY COOKIE CSRF CHECK LATENCIES
 *   IDS: one "DEPOSIT FILE" line per bidder; CHECK: a string every receipt must contain ("-" for none);
 *   LATENCIES: file to write one last-chunk-to-receipt time (ms) per bidder.
 * Prints: bytes seconds chunks_acknowledged chunks_failed receipts_ok receipts_failed.
 * Build: cc -O2 -pthread deposit_rush.c -lcrypto */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/sha.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define CHUNK (1 << 20)

static const char *host, *cookie, *csrf, *check;
static int port, bidders, chunks;
static unsigned char *sealed;
static long sealed_size;
static char (*chunk_hash)[65];
static long (*ids)[2];
static double *latency;
static atomic_int next_bidder;
static atomic_long acknowledged, failed, receipts_ok, receipts_failed;

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static int connect_server(void) {
    int fd = socket(AF_INET, SOCK_STREAM, 0), one = 1;
    struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = htons(port)};
    inet_pton(AF_INET, host, &address.sin_addr);
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (connect(fd, (struct sockaddr *)&address, sizeof address) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

static int write_all(int fd, const void *data, size_t length) {
    const char *p = data;
    while (length > 0) {
        ssize_t n = write(fd, p, length);
        if (n <= 0) return -1;
        p += n;
        length -= n;
    }
    return 0;
}

/* Reads one response; returns its status (-1 on a broken connection), the body in `body` (up to
 * `capacity` bytes kept), and whether the server closes the connection. */
static int read_response(int fd, char *body, size_t capacity, int *closing) {
    static __thread char buffer[65536];
    size_t used = 0;
    char *end = NULL;
    while (!end) {
        ssize_t n = read(fd, buffer + used, sizeof buffer - 1 - used);
        if (n <= 0) return -1;
        used += n;
        buffer[used] = 0;
        end = strstr(buffer, "\r\n\r\n");
    }
    int status = atoi(buffer + 9);
    long length = 0;
    int chunked = 0;
    *closing = 0;
    for (char *line = strstr(buffer, "\r\n") + 2; line < end; line = strstr(line, "\r\n") + 2) {
        if (strncasecmp(line, "content-length:", 15) == 0) length = atol(line + 15);
        if (strncasecmp(line, "transfer-encoding: chunked", 26) == 0) chunked = 1;
        if (strncasecmp(line, "connection: close", 17) == 0) *closing = 1;
    }
    size_t have = used - (end + 4 - buffer);
    memmove(buffer, end + 4, have);
    if (chunked) { /* read until the terminating 0-size chunk */
        buffer[have] = 0;
        while (!strstr(buffer, "\r\n0\r\n\r\n") && !(have >= 5 && strncmp(buffer, "0\r\n\r\n", 5) == 0)) {
            ssize_t n = read(fd, buffer + have, sizeof buffer - 1 - have);
            if (n <= 0) return -1;
            have += n;
            buffer[have] = 0;
        }
        if (body) snprintf(body, capacity, "%s", buffer);
        return status;
    }
    while ((long)have < length) {
        ssize_t n = read(fd, buffer + have, sizeof buffer - 1 - have);
        if (n <= 0) return -1;
        have += n;
    }
    buffer[have] = 0;
    if (body) snprintf(body, capacity, "%s", buffer);
    return status;
}

static void *bidder_loop(void *unused) {
    (void)unused;
    int fd = -1, closing = 0;
    char header[1024];
    static __thread char body[16384];
    for (int b; (b = atomic_fetch_add(&next_bidder, 1)) < bidders;) {
        double last = 0;
        for (int i = 0; i < chunks; i++) {
            long offset = (long)i * CHUNK, size = sealed_size - offset < CHUNK ? sealed_size - offset : CHUNK;
            int status = -1;
            for (int attempt = 0; attempt < 3 && status < 0; attempt++) {
                if (fd < 0 && (fd = connect_server()) < 0) continue;
                int n = snprintf(header, sizeof header,
                                 "PUT /api/deposits/%ld/files/%ld/chunks/%d HTTP/1.1\r\nHost: %s:%d\r\n"
                                 "Cookie: sceau_entreprise=%s\r\nX-CSRF-Token: %s\r\nX-Chunk-SHA256: %s\r\n"
                                 "Content-Type: application/octet-stream\r\nContent-Length: %ld\r\n\r\n",
                                 ids[b][0], ids[b][1], i, host, port, cookie, csrf, chunk_hash[i], size);
                if (write_all(fd, header, n) == 0 && write_all(fd, sealed + offset, size) == 0)
                    status = read_response(fd, NULL, 0, &closing);
                if (status < 0 || closing) {
                    close(fd);
                    fd = -1;
                }
            }
            if (status >= 200 && status < 300) {
                atomic_fetch_add(&acknowledged, 1);
            } else {
                atomic_fetch_add(&failed, 1);
                fprintf(stderr, "bidder %d chunk %d: HTTP %d\n", b, i, status);
            }
            last = now();
        }
        int status = -1;
        for (int attempt = 0; attempt < 3 && status < 0; attempt++) {
            if (fd < 0 && (fd = connect_server()) < 0) continue;
            int n = snprintf(header, sizeof header,
                             "POST /api/deposits/%ld/complete HTTP/1.1\r\nHost: %s:%d\r\n"
                             "Cookie: sceau_entreprise=%s\r\nX-CSRF-Token: %s\r\nContent-Length: 0\r\n\r\n",
                             ids[b][0], host, port, cookie, csrf);
            if (write_all(fd, header, n) == 0) status = read_response(fd, body, sizeof body, &closing);
            if (status < 0 || closing) {
                close(fd);
                fd = -1;
            }
        }
        latency[b] = (now() - last) * 1000;
        if (status >= 200 && status < 300 && (strcmp(check, "-") == 0 || strstr(body, check))) {
            atomic_fetch_add(&receipts_ok, 1);
        } else {
            atomic_fetch_add(&receipts_failed, 1);
            fprintf(stderr, "bidder %d complete: HTTP %d %.200s\n", b, status, body);
        }
    }
    if (fd >= 0) close(fd);
    return NULL;
}

int main(int argc, char **argv) {
    if (argc != 10) {
        fprintf(stderr, "usage: %s HOST PORT SEALED IDS CONCURRENCY COOKIE CSRF CHECK LATENCIES\n", argv[0]);
        return 2;
    }
    host = argv[1], port = atoi(argv[2]), cookie = argv[6], csrf = argv[7], check = argv[8];
    int concurrency = atoi(argv[5]);
    FILE *file = fopen(argv[3], "rb");
    struct stat info;
    if (!file || fstat(fileno(file), &info) != 0) return perror(argv[3]), 1;
    sealed_size = info.st_size;
    sealed = malloc(sealed_size);
    if (fread(sealed, 1, sealed_size, file) != (size_t)sealed_size) return perror(argv[3]), 1;
    fclose(file);
    chunks = (sealed_size + CHUNK - 1) / CHUNK;
    chunk_hash = calloc(chunks, sizeof *chunk_hash);
    for (int i = 0; i < chunks; i++) {
        unsigned char digest[32];
        long offset = (long)i * CHUNK;
        SHA256(sealed + offset, sealed_size - offset < CHUNK ? sealed_size - offset : CHUNK, digest);
        for (int j = 0; j < 32; j++) sprintf(chunk_hash[i] + 2 * j, "%02x", digest[j]);
    }
    FILE *list = fopen(argv[4], "r");
    if (!list) return perror(argv[4]), 1;
    ids = malloc(sizeof *ids * 100000);
    while (bidders < 100000 && fscanf(list, "%ld %ld", &ids[bidders][0], &ids[bidders][1]) == 2) bidders++;
    fclose(list);
    latency = calloc(bidders, sizeof *latency);
    pthread_t *threads = calloc(concurrency, sizeof *threads);
    double start = now();
    for (int t = 0; t < concurrency; t++) pthread_create(&threads[t], NULL, bidder_loop, NULL);
    for (int t = 0; t < concurrency; t++) pthread_join(threads[t], NULL);
    double elapsed = now() - start;
    FILE *out = fopen(argv[9], "w");
    for (int b = 0; b < bidders; b++) fprintf(out, "%.3f\n", latency[b]);
    fclose(out);
    printf("%ld %.3f %ld %ld %ld %ld\n", (long)bidders * sealed_size, elapsed, (long)acknowledged, (long)failed,
           (long)receipts_ok, (long)receipts_failed);
    return 0;
}
