while True:
    try:
        break
    finally:
        pass
continue
