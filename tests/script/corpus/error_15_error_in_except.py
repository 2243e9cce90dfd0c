def cleanup():
    return undefined_helper_qq()


try:
    print("working")
    {}["missing"]
except KeyError:
    print("handling the KeyError")
    cleanup()
