def report(total):
    print("total is", total)
    print("average is", total / qqq_count_zz)


report(12)
