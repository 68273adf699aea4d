"""SimPy side of bench/kernel: one timed run of the hold model or the M/M/c
queue, in one of SimPy's two styles (generator processes or plain event
callbacks), per process, as bench/kernel/side.ts does for socsim.

    simpy_models.py hold STYLE POPULATION EVENTS SEED
    simpy_models.py mmc STYLE SERVERS TIMES_FILE

Prints one JSON object. The M/M/c queue reads the same pre-drawn times
(float64, little-endian) that the socsim side draws, so its waits must
match to rounding.
"""
import json
import random
import sys
import time
from array import array

import simpy


def hold_processes(population, events, seed):
    env = simpy.Environment()
    rng = random.Random(seed)
    fired = [0]

    def holder():
        while True:
            yield env.timeout(rng.expovariate(1.0))
            fired[0] += 1

    for _ in range(population):
        env.process(holder())
    stop = env.event()

    def watch():
        while fired[0] < events:
            yield env.timeout(1.0)
        stop.succeed()

    env.process(watch())
    started = time.perf_counter()
    env.run(until=stop)
    return fired[0], time.perf_counter() - started


def hold_callbacks(population, events, seed):
    env = simpy.Environment()
    rng = random.Random(seed)
    fired = [0]

    def reschedule(_event):
        fired[0] += 1
        env.timeout(rng.expovariate(1.0)).callbacks.append(reschedule)

    for _ in range(population):
        env.timeout(rng.expovariate(1.0)).callbacks.append(reschedule)
    started = time.perf_counter()
    step = env.step
    while fired[0] < events:
        step()
    return fired[0], time.perf_counter() - started


def mmc_processes(servers, inter, service):
    env = simpy.Environment()
    counter = simpy.Resource(env, capacity=servers)
    waits = [0.0] * len(inter)

    def customer(index):
        arrived = env.now
        with counter.request() as request:
            yield request
            waits[index] = env.now - arrived
            yield env.timeout(service[index])

    def source():
        for index in range(len(inter)):
            yield env.timeout(inter[index])
            env.process(customer(index))

    env.process(source())
    started = time.perf_counter()
    env.run()
    return waits, time.perf_counter() - started


def mmc_callbacks(servers, inter, service):
    env = simpy.Environment()
    n = len(inter)
    waits = [0.0] * n
    arrived = [0.0] * n
    queue = []
    head = [0]
    state = {"free": servers, "next": 0}

    def start(index):
        waits[index] = env.now - arrived[index]
        env.timeout(service[index]).callbacks.append(depart)

    def depart(_event):
        if head[0] < len(queue):
            index = queue[head[0]]
            head[0] += 1
            start(index)
        else:
            state["free"] += 1

    def arrive(_event):
        index = state["next"]
        state["next"] = index + 1
        arrived[index] = env.now
        if state["free"] > 0:
            state["free"] -= 1
            start(index)
        else:
            queue.append(index)
        if index + 1 < n:
            env.timeout(inter[index + 1]).callbacks.append(arrive)

    env.timeout(inter[0]).callbacks.append(arrive)
    started = time.perf_counter()
    env.run()
    return waits, time.perf_counter() - started


HOLD = {"processes": hold_processes, "callbacks": hold_callbacks}
MMC = {"processes": mmc_processes, "callbacks": mmc_callbacks}


def main():
    model, style = sys.argv[1], sys.argv[2]
    if model == "hold":
        population, events, seed = int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
        fired, seconds = HOLD[style](population, events, seed)
        result = {"rate": fired / seconds}
    else:
        servers, times_file = int(sys.argv[3]), sys.argv[4]
        data = array("d")
        with open(times_file, "rb") as handle:
            data.frombytes(handle.read())
        half = len(data) // 2
        inter, service = data[:half].tolist(), data[half:].tolist()
        waits, seconds = MMC[style](servers, inter, service)
        result = {"rate": len(inter) / seconds, "meanWaitNs": sum(waits) / len(waits)}
    result["simpy_version"] = simpy.__version__
    print(json.dumps(result))


if __name__ == "__main__":
    main()
