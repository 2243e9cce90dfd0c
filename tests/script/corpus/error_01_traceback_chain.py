import time


class ConfigError(Exception):
    pass


def read_setting(settings, key):
    if key not in settings:
        raise ConfigError(f"missing setting {key!r}")
    return settings[key]


def load(settings):
    port = read_setting(settings, "port")
    host = read_setting(settings, "host")
    return host, port


def start_server():
    print("starting server")
    time.sleep(0.2)
    return load({"port": 8080})


start_server()
print("never printed")
