/* The client of bench/notifications.sh: counts the text messages a WebSocket server pushes.
 *
 * Connects to ws://127.0.0.1:PORT/ws with ORIGIN, sends each MESSAGE but the last and waits for one reply
 * to each (hello, events.subscribe), then starts the clock, sends the last MESSAGE (what makes the server
 * push) and counts the text messages holding MARKER until COUNT of them arrived or one holds END.
 * Prints "messages seconds mean_bytes". SAMPLE ("-" for none) receives the message in the middle of
 * the run (the last before END if fewer came), for the echo to push the same bytes. Written in C so that the client is not what limits
 * the rate (a Python client is slower than both servers).
 * Usage: ws_notifications PORT ORIGIN COUNT MARKER END SAMPLE MESSAGE... */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static int sock;
static unsigned char *buffer;
static size_t capacity = 4 << 20, start, end;

static void fail(const char *what) {
    fprintf(stderr, "ws_notifications: %s\n", what);
    exit(1);
}

static void send_all(const void *bytes, size_t count) {
    const char *p = bytes;
    while (count > 0) {
        ssize_t sent = send(sock, p, count, MSG_NOSIGNAL);
        if (sent <= 0) fail("send failed");
        p += sent;
        count -= (size_t)sent;
    }
}

/* Makes at least `count` unread bytes available at buffer + start. */
static void want(size_t count) {
    if (count > capacity) fail("message too large");
    while (end - start < count) {
        if (start + count > capacity) {
            memmove(buffer, buffer + start, end - start);
            end -= start;
            start = 0;
        }
        ssize_t got = recv(sock, buffer + end, capacity - end, 0);
        if (got <= 0) fail("the server closed the connection");
        end += (size_t)got;
    }
}

/* The next text message (pings and binary frames skipped); valid until the next call. */
static const unsigned char *next_text(size_t *length) {
    for (;;) {
        want(2);
        unsigned opcode = buffer[start] & 0x0F;
        size_t size = buffer[start + 1] & 0x7F, header = 2;
        if (size == 126) {
            want(4);
            size = (size_t)buffer[start + 2] << 8 | buffer[start + 3];
            header = 4;
        } else if (size == 127) {
            want(10);
            size = 0;
            for (int i = 0; i < 8; i++) size = size << 8 | buffer[start + 2 + i];
            header = 10;
        }
        want(header + size);
        const unsigned char *payload = buffer + start + header;
        start += header + size;
        if (opcode == 0x8) fail("the server closed the session");
        if (opcode == 0x1) {
            *length = size;
            return payload;
        }
    }
}

static void send_text(const char *text) {
    size_t size = strlen(text), header = 2;
    unsigned char frame[14] = {0x81};
    if (size < 126) {
        frame[1] = 0x80 | (unsigned char)size;
    } else if (size <= 0xFFFF) {
        frame[1] = 0x80 | 126;
        frame[2] = (unsigned char)(size >> 8);
        frame[3] = (unsigned char)size;
        header = 4;
    } else {
        frame[1] = 0x80 | 127;
        for (int i = 0; i < 8; i++) frame[2 + i] = (unsigned char)(size >> (56 - 8 * i));
        header = 10;
    }
    unsigned char mask[4] = {0x12, 0x34, 0x56, 0x78};
    memcpy(frame + header, mask, 4);
    unsigned char *masked = malloc(size);
    for (size_t i = 0; i < size; i++) masked[i] = (unsigned char)text[i] ^ mask[i % 4];
    send_all(frame, header + 4);
    send_all(masked, size);
    free(masked);
}

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    if (argc < 8) fail("usage: ws_notifications PORT ORIGIN COUNT MARKER END SAMPLE MESSAGE...");
    int port = atoi(argv[1]);
    const char *origin = argv[2], *marker = argv[4], *stop = argv[5], *sample = argv[6];
    long count = atol(argv[3]);
    buffer = malloc(capacity);
    sock = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
    if (connect(sock, (struct sockaddr *)&address, sizeof address) != 0) fail("cannot connect");
    int one = 1;
    setsockopt(sock, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    char request[512];
    int length = snprintf(request, sizeof request,
        "GET /ws HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nOrigin: %s\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n",
        port, origin);
    send_all(request, (size_t)length);
    for (;;) {
        want(end - start + 1);
        unsigned char *head_end = memmem(buffer, end, "\r\n\r\n", 4);
        if (head_end) {
            if (memcmp(buffer, "HTTP/1.1 101", 12) != 0) fail("the server refused the upgrade");
            start = (size_t)(head_end + 4 - buffer);
            break;
        }
    }
    size_t size;
    for (int i = 7; i < argc - 1; i++) {
        send_text(argv[i]);
        next_text(&size);
    }
    long received = 0;
    unsigned char *kept = malloc(capacity);
    size_t kept_size = 0;
    double bytes = 0, began = now();
    send_text(argv[argc - 1]);
    while (received < count) {
        const unsigned char *text = next_text(&size);
        if (!memmem(text, size, marker, strlen(marker))) continue;
        received++;
        bytes += (double)size;
        if (memmem(text, size, stop, strlen(stop))) break;
        if (received <= count / 2 + 1) {
            memcpy(kept, text, size);
            kept_size = size;
        }
    }
    double elapsed = now() - began;
    if (strcmp(sample, "-") != 0) {
        FILE *file = fopen(sample, "w");
        if (!file) fail("cannot write the sample");
        fwrite(kept, 1, kept_size, file);
        fclose(file);
    }
    printf("%ld %.3f %.0f\n", received, elapsed, bytes / (double)received);
    close(sock);
    return 0;
}
