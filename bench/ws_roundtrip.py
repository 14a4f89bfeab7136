#!/usr/bin/env python3
"""Round trips over one WebSocket: N requests sent one after the other, each waiting for its reply.
Prints "p50_ms p99_ms total_s". Usage: ws_roundtrip.py URL ORIGIN N MESSAGE"""
import sys, time
import websocket

url, origin, count, message = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
connection = websocket.create_connection(url, origin=origin)
connection.send('{"jsonrpc":"2.0","id":0,"method":"hello"}')
connection.recv()
timings = []
start = time.perf_counter()
for index in range(count):
    sent = time.perf_counter()
    connection.send(message)
    connection.recv()
    timings.append(time.perf_counter() - sent)
total = time.perf_counter() - start
connection.close()
timings.sort()
print(f"{timings[len(timings) // 2] * 1000:.3f} {timings[int(len(timings) * 0.99)] * 1000:.3f} {total:.3f}")
