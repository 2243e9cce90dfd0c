1 2 3
[10, 15, 20, 25] [0.5, 0.75, 1.0]
['a', 'b', 'a', 'b', 'a'] ['x', 'x', 'x'] [(0, 0), (1, 0), (2, 0)]
[2, 4, 6] ['a', 'b', 'c', 'd', 'e', 'f'] ['b', 'c']
[1, 2, 'a', 'b', 0, 1] []
[1, 2] [3, 1]
[0, 2, 4] [0, '']
[8, 9] ['a', 'c']
[1, 3, 6, 10] [10, 11, 13, 16] [3, 3, 4]
[('a', 'b'), ('b', 'c'), ('c', 'd')] []
[('a', 1), ('b', 2), ('-', 3)] []
a ['a', 'a']
b ['b', 'b', 'b']
c ['c']
d ['d']
[(1, 2), (0, 2), (1, 1)]
[('a', 0), ('a', 1), ('b', 0), ('b', 1)] 27 [()]
[(1, 2, 3), (1, 3, 2), (2, 1, 3), (2, 3, 1), (3, 1, 2), (3, 2, 1)] [('a', 'b'), ('a', 'c'), ('b', 'a'), ('b', 'c'), ('c', 'a'), ('c', 'b')]
[(0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3)] [] [('a', 'a'), ('a', 'b'), ('b', 'b')]
5040
0 red
1 green
2 red
ValueError: Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.
ValueError: Step for islice() must be a positive integer or None.
('p0', 4)
('p1', 5)
('p0', 6)
('p1', 7)
('p0', 8)
('p1', 9)
ValueError: Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.
ValueError: Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.
[5, 12] [1, 2, 3]
[('a', 0), ('b', 1)] [0, 1, 2]
